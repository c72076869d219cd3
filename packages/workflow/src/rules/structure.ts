import { findJsonata, structureProblems } from "../asl";
import { errorHandlersOf } from "./context";
import type { RuleChecks, RuleViolation } from "./types";

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
    return violations;
  },

  "no-jsonata": ({ definition }) =>
    findJsonata(definition).map((use) => ({
      rule: "no-jsonata",
      ...(use.state !== undefined && { state: use.state }),
      message: `uses ${use.field}; write it in JSONPath (Parameters, ResultSelector, ResultPath, intrinsic functions)`,
    })),
};
