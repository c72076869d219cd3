import type { TaskManifest } from "@orderflow/domain";
import type { AslDefinition } from "../asl";
import { WORKFLOW_TASKS } from "../order/tasks";
import { WORKFLOW_RULES } from "./catalog";
import { catchRules } from "./catches";
import { ruleContext } from "./context";
import { outboxRules } from "./outbox";
import { outcomeRules } from "./outcomes";
import { readRules } from "./reads";
import { retryRules } from "./retries";
import { sagaRules } from "./saga";
import { serviceTaskRules } from "./service-tasks";
import { structureRules } from "./structure";
import { timeoutRules } from "./timeouts";
import type { RuleChecks, RuleViolation } from "./types";

const CHECKS: RuleChecks = {
  ...structureRules,
  ...timeoutRules,
  ...retryRules,
  ...catchRules,
  ...sagaRules,
  ...outcomeRules,
  ...readRules,
  ...outboxRules,
  ...serviceTaskRules,
};

export interface RuleOptions {
  /** The manifests behind the definition's tasks (timeouts, errors, compensations). @default WORKFLOW_TASKS */
  readonly tasks?: readonly TaskManifest[];
  /** Error names that are business outcomes, never retried. @default BUSINESS_ERRORS */
  readonly businessErrors?: readonly string[];
}

/**
 * Checks a definition (built here or read back from a deployment) against every workflow rule and
 * returns the violations; empty means it passes. A definition too malformed for a rule to read is
 * reported as a violation of that rule, never as an exception.
 */
export function checkWorkflowRules(definition: AslDefinition, options: RuleOptions = {}): RuleViolation[] {
  const context = ruleContext(definition, options.tasks ?? WORKFLOW_TASKS, options.businessErrors);
  return WORKFLOW_RULES.flatMap(({ id }) => {
    const check = CHECKS[id];
    if (check === undefined) throw new Error(`workflow rule ${id} has no check`);
    try {
      return check(context);
    } catch (error) {
      return [{ rule: id, message: `could not be checked: ${(error as Error).message}` }];
    }
  });
}
