import { type ChoiceState, findJsonata, structureProblems } from "../asl";
import { errorHandlersOf } from "./handlers";
import type { RuleChecks, RuleViolation } from "./types";

/**
 * A Choice decides something only with rules, each with a Next, and a Default: without one, an input no
 * rule matches fails the execution with States.NoChoiceMatched, which no Catch catches.
 */
function choiceProblems(state: ChoiceState): string[] {
  const rules = Array.isArray(state.Choices) ? state.Choices : [];
  const problems: string[] = [];
  if (rules.length === 0) problems.push("has no Choices");
  rules.forEach((rule, i) => {
    if (typeof rule.Next !== "string") problems.push(`Choices[${i}] has no Next`);
  });
  if (typeof state.Default !== "string") {
    problems.push(
      "has no Default: an input no rule matches would fail the execution with States.NoChoiceMatched",
    );
  }
  const targets = new Set([...rules.map((r) => r.Next), state.Default]);
  if (rules.length > 0 && targets.size === 1)
    problems.push(`sends every input to ${state.Default}: it decides nothing`);
  return problems;
}

export const structureRules: RuleChecks = {
  structure: ({ definition, tasks }) => {
    const violations: RuleViolation[] = structureProblems(definition, "", false).map((problem) => ({
      rule: "structure",
      ...(problem.state !== undefined && { state: problem.state }),
      message: problem.message,
    }));
    for (const { name, state } of tasks) {
      for (const { field, index, errors } of errorHandlersOf(state)) {
        if (errors.length === 0) {
          violations.push({ rule: "structure", state: name, message: `${field}[${index}] names no error` });
        }
      }
    }
    for (const [name, state] of Object.entries(definition.States)) {
      if (state.Type !== "Choice") continue;
      for (const message of choiceProblems(state))
        violations.push({ rule: "structure", state: name, message });
    }
    return violations;
  },

  "no-jsonata": ({ definition }) =>
    findJsonata(definition).map((use) => ({
      rule: "no-jsonata",
      ...(use.state !== undefined && { state: use.state }),
      message: `uses ${use.field}; write it in JSONPath (Parameters, ResultSelector, ResultPath, intrinsic functions)`,
    })),
};
