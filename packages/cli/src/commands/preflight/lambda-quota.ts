import { GetAccountSettingsCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import type { StackPlan } from "@orderflow/infra/stack-plan";
import { awsErrorFix, awsErrorText } from "../aws-error-text";
import { type CheckResult, fail, pass } from "./check-result";

const CHECK = "lambda-quota";

/** Lambda keeps this much of an account's concurrency quota unreserved, whatever functions ask for. */
export const UNRESERVED_MINIMUM = 100;

/** Service Quotas code of Lambda's "Concurrent executions" quota. */
const QUOTA_CODE = "L-B99A9384";

/** The account's concurrency quota must cover what the stack reserves plus the unreserved minimum. */
export async function checkLambdaQuota(plan: StackPlan, lambda: LambdaClient): Promise<CheckResult> {
  let limit: number;
  try {
    limit = (await lambda.send(new GetAccountSettingsCommand({}))).AccountLimit?.ConcurrentExecutions ?? 0;
  } catch (error) {
    return fail(CHECK, awsErrorText(error), awsErrorFix(error, "lambda:GetAccountSettings"));
  }
  const reserved = plan.reservedConcurrency;
  if (reserved === 0) return pass(CHECK, `quota ${limit}; the stack reserves nothing`);
  const needed = reserved + UNRESERVED_MINIMUM;
  if (limit >= needed) return pass(CHECK, `quota ${limit} ≥ ${reserved} reserved + ${UNRESERVED_MINIMUM}`);
  return fail(
    CHECK,
    `quota ${limit} < ${reserved} reserved + ${UNRESERVED_MINIMUM} unreserved`,
    `request a quota of at least ${needed}: aws service-quotas request-service-quota-increase --service-code lambda ` +
      `--quota-code ${QUOTA_CODE} --desired-value ${needed} --region ${plan.region} (approval takes hours to days), ` +
      `or lower orderflow:reservedConcurrency in Pulumi.${plan.stack}.yaml`,
  );
}
