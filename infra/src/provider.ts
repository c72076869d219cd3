import * as aws from "@pulumi/aws";
import type { StackConfig } from "./config/load";

/** Tags every resource carries: who owns it, which stack, which tier; plus the stack's own tags. */
export function defaultTags(config: StackConfig): Record<string, string> {
  return {
    ...config.tags,
    Project: config.project,
    Stack: config.stack,
    Tier: config.tier,
    ManagedBy: "pulumi",
  };
}

/**
 * The one AWS provider every resource uses. Explicit, so region, default tags and the allowed account come
 * from the validated config (explicit providers do not read `aws:*` stack settings on their own), and the
 * stack files disable the default provider so nothing can slip past it.
 */
export function awsProvider(config: StackConfig): aws.Provider {
  return new aws.Provider("aws", {
    region: config.region,
    defaultTags: { tags: defaultTags(config) },
    // With the account pinned, credentials for any other account fail before anything is planned.
    ...(config.accountId !== undefined && { allowedAccountIds: [config.accountId] }),
  });
}
