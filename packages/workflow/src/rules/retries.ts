import {
  DYNAMODB_TRANSIENT_ERRORS,
  ECS_TRANSIENT_ERRORS,
  EVENTBRIDGE_TRANSIENT_ERRORS,
  type Integration,
  integrationOf,
  LAMBDA_TRANSIENT_ERRORS,
  type Retrier,
  STATES_ALL,
  STATES_TIMEOUT,
  WILDCARD_ERRORS,
} from "../asl";
import { businessErrorsOf } from "./context";
import { catchersOf, errorHandlersOf, errorsOf, retriersOf } from "./handlers";
import type { RuleChecks, RuleViolation } from "./types";

/**
 * What each integration must retry. DynamoDB calls also retry a timeout: a read repeats safely, and a status
 * write is conditional on the order still being PENDING or already in its own status, so repeating one
 * whose answer was lost finds its own write instead of leaving the order PENDING.
 */
const TRANSIENT: Readonly<Record<Integration, readonly string[]>> = {
  lambda: LAMBDA_TRANSIENT_ERRORS,
  "dynamodb-read": [...DYNAMODB_TRANSIENT_ERRORS, STATES_TIMEOUT],
  "dynamodb-write": [...DYNAMODB_TRANSIENT_ERRORS, STATES_TIMEOUT],
  eventbridge: EVENTBRIDGE_TRANSIENT_ERRORS,
  ecs: ECS_TRANSIENT_ERRORS,
  other: [],
};

function policyProblems(retrier: Retrier): string[] {
  const problems: string[] = [];
  const atLeast = (field: keyof Retrier, min: number) => {
    const value = retrier[field];
    if (typeof value !== "number" || !(value >= min)) problems.push(`${field} must be set to ≥ ${min}`);
  };
  atLeast("IntervalSeconds", 1);
  atLeast("MaxAttempts", 1);
  atLeast("BackoffRate", 2);
  atLeast("MaxDelaySeconds", 1);
  if (retrier.JitterStrategy !== "FULL") problems.push("JitterStrategy must be FULL");
  return problems;
}

const attemptsOf = (retriers: readonly Retrier[]): number =>
  retriers.reduce((sum, r) => sum + (typeof r.MaxAttempts === "number" ? r.MaxAttempts : 3), 0);

export const retryRules: RuleChecks = {
  "retry-policy": ({ tasks }) => {
    const violations: RuleViolation[] = [];
    for (const { name, state } of tasks) {
      const retriers = retriersOf(state);
      if (retriers.length === 0) {
        violations.push({ rule: "retry-policy", state: name, message: "has no Retry" });
      }
      retriers.forEach((retrier, i) => {
        for (const problem of policyProblems(retrier)) {
          violations.push({ rule: "retry-policy", state: name, message: `Retry[${i}]: ${problem}` });
        }
      });
    }
    return violations;
  },

  "transient-retry": ({ tasks, manifests }) => {
    const violations: RuleViolation[] = [];
    for (const { name, state } of tasks) {
      const required = [
        ...TRANSIENT[integrationOf(String(state.Resource))],
        ...(manifests.get(name)?.retryableErrors ?? []),
      ];
      const retried = new Set(retriersOf(state).flatMap(errorsOf));
      const missing = required.filter((error) => !retried.has(error));
      if (missing.length > 0) {
        violations.push({
          rule: "transient-retry",
          state: name,
          message: `does not retry ${missing.join(", ")}`,
        });
      }
    }
    return violations;
  },

  "no-business-retry": (context) => {
    const violations: RuleViolation[] = [];
    for (const { name, state } of context.tasks) {
      const business = businessErrorsOf(context, name, catchersOf(state));
      retriersOf(state).forEach((retrier, i) => {
        for (const error of errorsOf(retrier)) {
          if (context.businessErrors.has(error)) {
            violations.push({
              rule: "no-business-retry",
              state: name,
              message: `Retry[${i}] retries the business error ${error}; business errors are final`,
            });
          } else if (WILDCARD_ERRORS.includes(error) && business.size > 0) {
            violations.push({
              rule: "no-business-retry",
              state: name,
              message: `Retry[${i}] retries ${error}, which also matches its business errors (${[...business].join(", ")})`,
            });
          }
        }
      });
    }
    return violations;
  },

  "states-all-last": ({ tasks }) => {
    const violations: RuleViolation[] = [];
    for (const { name, state } of tasks) {
      for (const { field, index, errors, last } of errorHandlersOf(state)) {
        if (!errors.includes(STATES_ALL)) continue;
        if (errors.length > 1) {
          violations.push({
            rule: "states-all-last",
            state: name,
            message: `${field}[${index}]: States.ALL is not alone`,
          });
        }
        if (!last) {
          violations.push({
            rule: "states-all-last",
            state: name,
            message: `${field}[${index}]: States.ALL is not last`,
          });
        }
      }
    }
    return violations;
  },

  "compensation-retry": ({ definition, compensatorOf }) => {
    const violations: RuleViolation[] = [];
    for (const [step, compensation] of compensatorOf) {
      const undo = definition.States[compensation];
      const forward = definition.States[step];
      if (undo?.Type !== "Task") continue;
      const retriers = retriersOf(undo);
      if (!errorsOf(retriers.at(-1) ?? {}).includes(STATES_ALL)) {
        violations.push({
          rule: "compensation-retry",
          state: compensation,
          message:
            "must end its Retry with States.ALL: it is idempotent, so any error is worth another attempt",
        });
      }
      const needed = forward?.Type === "Task" ? attemptsOf(retriersOf(forward)) : 0;
      if (attemptsOf(retriers) < needed) {
        violations.push({
          rule: "compensation-retry",
          state: compensation,
          message: `retries ${attemptsOf(retriers)} times, less than the ${needed} of ${step} it undoes`,
        });
      }
    }
    return violations;
  },
};
