import { integrationOf } from "../asl";
import type { RuleChecks, RuleViolation } from "./types";

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
