import { businessErrorsOf, hasSideEffects } from "./context";
import type { StatePath } from "./paths";
import { describePath, unique } from "./report";
import {
  catchOrigin,
  caughtErrors,
  completedAfterAll,
  fenceAt,
  hasNote,
  type SagaShape,
  testsFence,
} from "./saga-shape";
import type { RuleChecks, RuleContext, RuleViolation } from "./types";

/**
 * The forward steps with a compensation that may have taken effect when the path was caught at `origin`:
 * those that completed, and the caught step itself unless the error is a business error (the step
 * refusing, having done nothing). A completed step with side effects but no compensation commits the
 * steps before it: they are final once it succeeded.
 */
function mayHaveTakenEffect(context: RuleContext, path: StatePath, origin: number): string[] {
  const steps: string[] = [];
  for (const [i, { state: name }] of path.hops.slice(0, origin + 1).entries()) {
    const state = context.definition.States[name];
    if (state?.Type !== "Task") continue;
    const compensable = context.compensatorOf.has(name);
    if (i < origin) {
      if (compensable) steps.push(name);
      else if (hasSideEffects(context, name, state.Resource)) steps.length = 0;
      continue;
    }
    const business = businessErrorsOf(context, name, []);
    const errors = caughtErrors(context.definition, path, origin);
    const refused =
      errors.length > 0 && errors.every((e) => context.businessErrors.has(e) || business.has(e));
    if (compensable && !refused) steps.push(name);
  }
  return steps;
}

/** The compensations a path runs after its catch, each with its index. */
const compensationsRun = (context: RuleContext, path: StatePath, origin: number) =>
  path.hops.flatMap((hop, index) =>
    index > origin && context.compensations.has(hop.state) ? [{ name: hop.state, index }] : [],
  );

function compensationProblems(context: RuleContext, shape: SagaShape, path: StatePath, origin: number) {
  const steps = mayHaveTakenEffect(context, path, origin);
  const ran = compensationsRun(context, path, origin);
  const completed = completedAfterAll(context.definition, shape, path);
  const facts = path.hops.at(-1)?.facts ?? new Map();
  const problems: string[] = [];
  if (steps.length === 0 && ran.length > 0) {
    problems.push(`runs ${ran.map((r) => r.name).join(", ")} although nothing had taken effect`);
  }
  for (const name of new Set(ran.map((r) => r.name))) {
    if (ran.filter((r) => r.name === name).length > 1) problems.push(`runs ${name} more than once`);
  }
  for (const step of steps) {
    const compensation = context.compensatorOf.get(step) as string;
    if (ran.some((r) => r.name === compensation) || completed >= 0) continue;
    if (!hasNote(shape, facts, compensation)) {
      problems.push(`never runs ${compensation} (${step} may have taken effect), nor notes it for a person`);
    }
  }
  for (const late of ran.filter((r) => completed >= 0 && r.index > completed)) {
    problems.push(`runs ${late.name} after the fence answered that the order completed after all`);
  }
  const again = path.hops
    .slice(origin + 1)
    .find((h) => context.manifests.has(h.state) && shape.forward.includes(h.state));
  if (again) problems.push(`re-enters the forward path at ${again.state}`);
  return problems;
}

/** Why a compensation other than the fence may not run where the path runs it, if it may not. */
function unfencedProblem(
  context: RuleContext,
  shape: SagaShape,
  path: StatePath,
  origin: number,
  index: number,
) {
  const name = path.hops[index]?.state as string;
  const fence = fenceAt(shape, path);
  if (fence < 0 || fence > index) return `runs ${name} before the fence ${shape.fence ?? "(none)"}`;
  const choices = path.hops
    .map((hop, i) => ({ i, type: context.definition.States[hop.state]?.Type }))
    .filter(({ i, type }) => i > fence && i < index && type === "Choice")
    .map(({ i }) => i);
  if (path.hops[fence]?.exit?.kind === "catch") {
    if (choices.length === 0)
      return `runs ${name} right after ${shape.fence} gave up, without a Choice on whether that is safe`;
    const step = context.manifests.get(name)?.compensates;
    if (step !== undefined && path.hops.slice(0, origin).some((h) => h.state === step)) {
      return `runs ${name} although ${shape.fence} gave up (the order is not fenced off) and a step after ${step} had started: hold it for a person`;
    }
    return undefined;
  }
  if (!choices.some((i) => testsFence(context.definition, shape, path, i))) {
    return `runs ${name} without a Choice on the answer of the fence ${shape.fence} (${shape.fenceResult ?? "no ResultPath"})`;
  }
  return undefined;
}

export const sagaRules: RuleChecks = {
  "saga-compensation": (context) => {
    const shape = context.saga();
    const violations: RuleViolation[] = [];
    for (const path of context.paths()) {
      const origin = catchOrigin(path);
      const from = path.hops[origin]?.state;
      if (from === undefined || path.end === "end" || path.end === "succeed") continue;
      const where = describePath(context.definition, path, origin);
      if (path.end !== "fail") {
        violations.push({
          rule: "saga-compensation",
          state: from,
          message: `${where} ends in ${path.end}, not a Fail state`,
        });
        continue;
      }
      if (shape.recordingFails.has(path.hops.at(-1)?.state ?? "")) continue;
      for (const problem of compensationProblems(context, shape, path, origin)) {
        violations.push({ rule: "saga-compensation", state: from, message: `${where} ${problem}` });
      }
    }
    return unique(violations);
  },

  "refund-after-fence": (context) => {
    const shape = context.saga();
    const violations: RuleViolation[] = [];
    for (const path of context.paths()) {
      const origin = catchOrigin(path);
      const from = path.hops[origin]?.state;
      if (from === undefined) continue;
      for (const { name, index } of compensationsRun(context, path, origin)) {
        if (name === shape.fence) continue;
        const problem = unfencedProblem(context, shape, path, origin, index);
        if (problem !== undefined) {
          violations.push({
            rule: "refund-after-fence",
            state: from,
            message: `${describePath(context.definition, path, origin)} ${problem}`,
          });
        }
      }
    }
    return unique(violations);
  },
};
