import { type AslState, integrationOf } from "../asl";
import { businessErrorsOf, catchersOf, errorsOf, hasSideEffects } from "./context";
import { forwardStates, pathsFrom, type StatePath } from "./paths";
import type { RuleChecks, RuleContext, RuleViolation } from "./types";

interface CatchPath {
  readonly from: string;
  readonly index: number;
  readonly errors: readonly string[];
  /** Compensations this catch must run, newest step first. */
  readonly expected: readonly string[];
  readonly path: StatePath;
}

const list = (names: readonly string[]) => (names.length === 0 ? "none" : names.join(" → "));

/**
 * Walks the forward path from StartAt, keeping the stack of completed steps that have a compensation.
 * A step with side effects but no compensation is the saga's point of no return: once it succeeded,
 * the steps before it are final too, so the stack empties. Returns every ordinary path after every
 * catcher of a forward Task, with the compensations it must run.
 */
function forwardCatchPaths(context: RuleContext): CatchPath[] {
  const { definition, compensatorOf } = context;
  const found: CatchPath[] = [];
  const seen = new Set<string>();
  const walk = (name: string, done: readonly string[]) => {
    const key = `${name}|${done.join(",")}`;
    const state: AslState | undefined = definition.States[name];
    if (seen.has(key) || state === undefined) return;
    seen.add(key);
    let after = done;
    if (state.Type === "Task") {
      const compensable = compensatorOf.has(name);
      const business = businessErrorsOf(context, name, []);
      catchersOf(state).forEach((catcher, index) => {
        const errors = errorsOf(catcher);
        // A business error is the step refusing: it did nothing, so only earlier steps are undone.
        const refused =
          errors.length > 0 && errors.every((e) => context.businessErrors.has(e) || business.has(e));
        const steps = compensable && !refused ? [...done, name] : [...done];
        const expected = steps.reverse().map((step) => compensatorOf.get(step) as string);
        for (const path of pathsFrom(definition, catcher.Next))
          found.push({ from: name, index, errors, expected, path });
      });
      if (compensable) after = [...done, name];
      else if (hasSideEffects(context, name, state.Resource)) after = [];
    }
    const next = [
      ...("Next" in state && state.Next ? [state.Next] : []),
      ...(state.Type === "Choice" ? [...(state.Choices ?? []).map((c) => c.Next), state.Default ?? ""] : []),
    ].filter(Boolean);
    for (const target of next) walk(target, after);
  };
  walk(definition.StartAt, []);
  return found;
}

function describe(catchPath: CatchPath): string {
  return `Catch[${catchPath.index}] (${catchPath.errors.join(", ")}) → ${catchPath.path.states.join(" → ")}`;
}

const isStatusWrite = (state: AslState | undefined) =>
  state?.Type === "Task" && integrationOf(state.Resource) === "dynamodb-write";

function recordedBeforeEnd(context: RuleContext, path: StatePath): boolean {
  const states = path.states;
  const lastCompensation = Math.max(-1, ...states.map((s, i) => (context.compensations.has(s) ? i : -1)));
  return states.slice(lastCompensation + 1).some((s) => isStatusWrite(context.definition.States[s]));
}

export const sagaRules: RuleChecks = {
  "saga-compensation": (context) => {
    const violations: RuleViolation[] = [];
    const forward = forwardStates(context.definition);
    for (const catchPath of forwardCatchPaths(context)) {
      const { from, path, expected } = catchPath;
      const ran = path.states.filter((s) => context.compensations.has(s));
      const rule = "saga-compensation";
      if (path.end !== "fail") {
        violations.push({
          rule,
          state: from,
          message: `${describe(catchPath)} ends in ${path.end}, not a Fail state`,
        });
      }
      if (ran.join() !== expected.join()) {
        violations.push({
          rule,
          state: from,
          message: `${describe(catchPath)} runs compensations ${list(ran)}, must run ${list(expected)}`,
        });
      }
      const back = path.states.filter((s) => forward.has(s));
      if (back.length > 0) {
        violations.push({
          rule,
          state: from,
          message: `${describe(catchPath)} re-enters the forward path at ${back[0]}`,
        });
      }
    }
    return violations;
  },

  "failure-recorded": (context) => {
    const violations: RuleViolation[] = [];
    const check = (from: string, index: number, path: StatePath, errors: readonly string[]) => {
      if (path.end === "fail" && !recordedBeforeEnd(context, path)) {
        violations.push({
          rule: "failure-recorded",
          state: from,
          message: `Catch[${index}] (${errors.join(", ")}) → ${path.states.join(" → ")} never writes the order's status after its compensations`,
        });
      }
    };
    for (const c of forwardCatchPaths(context))
      if (context.manifests.has(c.from)) check(c.from, c.index, c.path, c.errors);
    for (const compensation of context.compensations) {
      const state = context.definition.States[compensation];
      if (state?.Type !== "Task") continue;
      catchersOf(state).forEach((catcher, index) => {
        for (const path of pathsFrom(context.definition, catcher.Next))
          check(compensation, index, path, errorsOf(catcher));
      });
    }
    return violations;
  },

  "compensation-stuck-state": (context) => {
    const violations: RuleViolation[] = [];
    const ordinary = new Set(forwardCatchPaths(context).map((c) => c.path.states.at(-1)));
    for (const compensation of context.compensations) {
      const state = context.definition.States[compensation];
      if (state?.Type !== "Task") continue;
      catchersOf(state).forEach((catcher, index) => {
        for (const path of pathsFrom(context.definition, catcher.Next)) {
          const last = path.states.at(-1);
          if (path.end !== "fail" || ordinary.has(last)) {
            violations.push({
              rule: "compensation-stuck-state",
              state: compensation,
              message: `Catch[${index}] → ${path.states.join(" → ")} must end in a Fail state of its own, not ${last ?? path.end}`,
            });
          }
        }
      });
    }
    return violations;
  },
};
