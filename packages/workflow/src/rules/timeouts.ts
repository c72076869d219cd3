import { waitsForTaskToken, worstCaseSeconds } from "../asl";
import type { RuleChecks, RuleViolation } from "./types";

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value > 0;

export const timeoutRules: RuleChecks = {
  "task-timeout": ({ tasks }) =>
    tasks
      .filter(({ state }) => !isPositiveInteger(state.TimeoutSeconds))
      .map(({ name }) => ({
        rule: "task-timeout",
        state: name,
        message: "has no TimeoutSeconds; without one a stuck call holds the execution for up to a year",
      })),

  "task-timeout-above-function": ({ tasks, manifests }) => {
    const violations: RuleViolation[] = [];
    for (const { name, state } of tasks) {
      const manifest = manifests.get(name);
      if (!manifest || !isPositiveInteger(state.TimeoutSeconds)) continue;
      if (state.TimeoutSeconds <= manifest.timeoutSeconds) {
        violations.push({
          rule: "task-timeout-above-function",
          state: name,
          message: `TimeoutSeconds ${state.TimeoutSeconds} must exceed the manifest timeout ${manifest.timeoutSeconds}`,
        });
      }
    }
    return violations;
  },

  heartbeat: ({ tasks }) =>
    tasks
      .filter(({ state }) => typeof state.Resource === "string" && waitsForTaskToken(state.Resource))
      .filter(
        ({ state }) =>
          !isPositiveInteger(state.HeartbeatSeconds) ||
          (isPositiveInteger(state.TimeoutSeconds) && state.HeartbeatSeconds >= state.TimeoutSeconds),
      )
      .map(({ name }) => ({
        rule: "heartbeat",
        state: name,
        message:
          "waits for a task token without a HeartbeatSeconds below TimeoutSeconds; a dead worker goes unnoticed",
      })),

  "execution-timeout": ({ definition }) => {
    const timeout = definition.TimeoutSeconds;
    if (!isPositiveInteger(timeout)) {
      return [{ rule: "execution-timeout", message: "the definition has no TimeoutSeconds" }];
    }
    const worstCase = worstCaseSeconds(definition);
    if (Number.isFinite(worstCase) && timeout < worstCase) {
      return [
        {
          rule: "execution-timeout",
          message: `TimeoutSeconds ${timeout} is below the worst case of ${Math.ceil(worstCase)} s; it could cut off a compensation`,
        },
      ];
    }
    return [];
  },
};
