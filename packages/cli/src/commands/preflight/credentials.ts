import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import type { StackPlan } from "@orderflow/infra/stack-plan";
import { awsErrorFix, awsErrorText } from "../aws-error-text";
import { type CheckResult, fail, pass } from "./check-result";

const CHECK = "credentials";

/**
 * Whose credentials these are, in the stack's region: the account must be the one the stack file pins,
 * and a default region in the environment must not point the CLI somewhere else.
 */
export async function checkCredentials(
  plan: StackPlan,
  sts: STSClient,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ result: CheckResult; account?: string }> {
  let account: string;
  try {
    account = (await sts.send(new GetCallerIdentityCommand({}))).Account ?? "";
  } catch (error) {
    return { result: fail(CHECK, awsErrorText(error), awsErrorFix(error, "sts:GetCallerIdentity")) };
  }
  const pinned = plan.settings.accountId;
  if (pinned !== undefined && pinned !== account) {
    return {
      result: fail(
        CHECK,
        `account ${account}, but the stack deploys to ${pinned}`,
        `use credentials for account ${pinned} (or fix orderflow:accountId in Pulumi.${plan.stack}.yaml)`,
      ),
      account,
    };
  }
  const envRegion = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (envRegion !== undefined && envRegion !== plan.region) {
    return {
      result: fail(
        CHECK,
        `AWS_REGION is ${envRegion}, but the stack deploys to ${plan.region}`,
        `export AWS_REGION=${plan.region} (in CI: the repository variable AWS_REGION)`,
      ),
      account,
    };
  }
  const note = pinned === undefined ? " (not pinned: set orderflow:accountId to refuse other accounts)" : "";
  return { result: pass(CHECK, `account ${account} in ${plan.region}${note}`), account };
}
