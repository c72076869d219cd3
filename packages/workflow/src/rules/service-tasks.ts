import { EVENT_SOURCE, ORDER_EVENT_TYPES } from "@orderflow/domain";
import { integrationOf, RESOURCES } from "../asl";
import type { RuleChecks, RuleViolation } from "./types";

const EVENT_TYPES = new Set<string>(ORDER_EVENT_TYPES);

export const serviceTaskRules: RuleChecks = {
  "conditional-writes": ({ tasks }) =>
    tasks
      .filter(({ state }) => integrationOf(String(state.Resource)) === "dynamodb-write")
      .filter(({ state }) => typeof state.Parameters?.ConditionExpression !== "string")
      .map(({ name }) => ({
        rule: "conditional-writes",
        state: name,
        message:
          "writes DynamoDB without a ConditionExpression; a late or repeated write would overwrite the outcome",
      })),

  "event-contract": ({ tasks }) => {
    const violations: RuleViolation[] = [];
    for (const { name, state } of tasks) {
      if (!String(state.Resource).startsWith(RESOURCES.putEvents)) continue;
      const entries = state.Parameters?.Entries;
      if (!Array.isArray(entries) || entries.length === 0) {
        violations.push({ rule: "event-contract", state: name, message: "publishes no Entries" });
        continue;
      }
      entries.forEach((entry, i) => {
        const { Source, DetailType, Detail } = (entry ?? {}) as Record<string, unknown>;
        const problems = [
          Source === EVENT_SOURCE ? "" : `Source must be ${EVENT_SOURCE}`,
          EVENT_TYPES.has(String(DetailType))
            ? ""
            : `DetailType must be one of ${ORDER_EVENT_TYPES.join(", ")}`,
          Detail !== null && typeof Detail === "object" ? "" : "Detail is missing",
        ].filter(Boolean);
        for (const problem of problems) {
          violations.push({ rule: "event-contract", state: name, message: `Entries[${i}]: ${problem}` });
        }
      });
    }
    return violations;
  },

  "fail-keeps-cause": ({ definition }) => {
    const violations: RuleViolation[] = [];
    for (const [name, state] of Object.entries(definition.States)) {
      if (state.Type !== "Fail") continue;
      if (state.Error === undefined && state.ErrorPath === undefined) {
        violations.push({
          rule: "fail-keeps-cause",
          state: name,
          message: "sets neither Error nor ErrorPath",
        });
      }
      if (state.Cause === undefined && state.CausePath === undefined) {
        violations.push({
          rule: "fail-keeps-cause",
          state: name,
          message: "sets neither Cause nor CausePath",
        });
      }
    }
    return violations;
  },
};
