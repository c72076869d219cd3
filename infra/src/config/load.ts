import type { FunctionManifest } from "@orderflow/domain";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE } from "./namespace";
import type { StackSettings } from "./schema";
import { validateStackConfig } from "./validate";

/** Validated settings of one stack, plus where it deploys. Secrets stay Pulumi secret outputs. */
export interface StackConfig extends Omit<StackSettings, "alarmWebhookUrl" | "stripeSecretKey"> {
  readonly project: string;
  readonly stack: string;
  readonly region: string;
  readonly alarmWebhookUrl?: pulumi.Output<string>;
  readonly stripeSecretKey?: pulumi.Output<string>;
}

/** Reads and validates the whole stack configuration before any resource exists; throws one ConfigError. */
export function loadStackConfig(functions: readonly FunctionManifest[]): StackConfig {
  const stack = pulumi.getStack();
  const settings = validateStackConfig(functions, stack, {
    values: pulumi.runtime.allConfig(),
    isSecret: isConfigSecret,
  });
  const { alarmWebhookUrl, stripeSecretKey, ...plain } = settings.settings;
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  return {
    ...plain,
    project: pulumi.getProject(),
    stack,
    region: settings.region,
    ...(alarmWebhookUrl !== undefined && { alarmWebhookUrl: config.requireSecret("alarmWebhookUrl") }),
    ...(stripeSecretKey !== undefined && { stripeSecretKey: config.requireSecret("stripeSecretKey") }),
  };
}

/** Pulumi knows which keys were set with `--secret`; the check is not in its typings, hence the narrow cast. */
function isConfigSecret(key: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret(key: string): boolean };
  return runtime.isConfigSecret(key);
}
