import { STATES_ALL } from "../asl";
import { catchersOf, catchesAll, errorsOf } from "./handlers";
import type { RuleChecks, RuleViolation } from "./types";

/** A ResultPath that adds the error beside the state instead of replacing or dropping it. */
const KEEPS_STATE = /^\$\.[A-Za-z_][\w.]*$/;

export const catchRules: RuleChecks = {
  "task-catch": ({ tasks }) =>
    tasks
      .filter(({ state }) => !catchesAll(catchersOf(state)))
      .map(({ name }) => ({
        rule: "task-catch",
        state: name,
        message: `has no final ${STATES_ALL} catcher; an unexpected error would end the execution unrecorded`,
      })),

  "business-errors-caught": ({ tasks, manifests }) => {
    const violations: RuleViolation[] = [];
    for (const { name, state } of tasks) {
      const explicit = new Set(
        catchersOf(state)
          .filter((c) => !errorsOf(c).includes(STATES_ALL))
          .flatMap(errorsOf),
      );
      for (const error of manifests.get(name)?.errors ?? []) {
        if (!explicit.has(error)) {
          violations.push({
            rule: "business-errors-caught",
            state: name,
            message: `does not catch its business error ${error} on its own (it would be handled as unexpected)`,
          });
        }
      }
    }
    return violations;
  },

  "catch-keeps-state": (context) => {
    const violations: RuleViolation[] = [];
    const add = (state: string, message: string) =>
      violations.push({ rule: "catch-keeps-state", state, message });
    const { incomplete, forward } = context.saga();
    const noteAt = (step: string) => `${incomplete ?? "$.incomplete"}.${step}`;
    for (const { name, state } of context.tasks) {
      catchersOf(state).forEach((catcher, i) => {
        if (typeof catcher.ResultPath !== "string" || !KEEPS_STATE.test(catcher.ResultPath)) {
          add(
            name,
            `Catch[${i}] ResultPath ${JSON.stringify(catcher.ResultPath ?? "$")} loses the order or the error; use e.g. $.error`,
          );
        } else if (context.compensations.has(name) && catcher.ResultPath !== noteAt(name)) {
          add(
            name,
            `Catch[${i}] must note the give-up at ${noteAt(name)}, beside the other compensations', not at ${catcher.ResultPath}`,
          );
        }
      });
    }
    const steps = new Set(context.tasks.map((t) => t.name));
    for (const [name, state] of Object.entries(context.definition.States)) {
      if (state.Type !== "Pass" || forward.includes(name)) continue;
      // A Pass state on a failure path notes a step for the person who settles the order.
      const at = state.ResultPath;
      const step = typeof at === "string" && incomplete !== undefined ? at.slice(incomplete.length + 1) : "";
      if (typeof at !== "string" || at !== noteAt(step) || !steps.has(step)) {
        add(
          name,
          `ResultPath ${JSON.stringify(at ?? "$")} must note a step at ${noteAt("<step>")}, beside the others, without replacing them`,
        );
      }
    }
    return violations;
  },
};
