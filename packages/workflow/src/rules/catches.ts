import { reachableFrom, STATES_ALL } from "../asl";
import { catchersOf, catchesAll, errorsOf } from "./context";
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

  "catch-keeps-state": ({ tasks }) => {
    const violations: RuleViolation[] = [];
    for (const { name, state } of tasks) {
      catchersOf(state).forEach((catcher, i) => {
        if (typeof catcher.ResultPath !== "string" || !KEEPS_STATE.test(catcher.ResultPath)) {
          violations.push({
            rule: "catch-keeps-state",
            state: name,
            message: `Catch[${i}] ResultPath ${JSON.stringify(catcher.ResultPath ?? "$")} loses the order or the error; use e.g. $.error`,
          });
        }
      });
    }
    return violations;
  },

  "catch-ends-in-fail": ({ definition }) => {
    const violations: RuleViolation[] = [];
    for (const [name, state] of Object.entries(definition.States)) {
      catchersOf(state as { Catch?: [] }).forEach((catcher, i) => {
        const after = reachableFrom(definition, catcher.Next);
        const success = [...after].filter((s) => {
          const reached = definition.States[s];
          return (
            reached?.Type === "Succeed" || (reached !== undefined && "End" in reached && reached.End === true)
          );
        });
        if (success.length > 0) {
          violations.push({
            rule: "catch-ends-in-fail",
            state: name,
            message: `Catch[${i}] can reach ${success.join(", ")}: a failed order must never end as a success`,
          });
        }
      });
    }
    return violations;
  },
};
