import type { FunctionManifest } from "@orderflow/domain";
import * as pulumi from "@pulumi/pulumi";
import * as v from "valibot";
import { SECRET_KEYS, type StackSettings, stackConfigSchema } from "./schema";

/** The Pulumi config namespace of this project (`orderflow:<key>` in the stack files). */
export const CONFIG_NAMESPACE = "orderflow";

const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-\d$/;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Validated settings of one stack, plus where it deploys. Secrets stay Pulumi secret outputs. */
export interface StackConfig extends Omit<StackSettings, "alarmWebhookUrl" | "stripeSecretKey"> {
  readonly project: string;
  readonly stack: string;
  readonly region: string;
  readonly alarmWebhookUrl?: pulumi.Output<string>;
  readonly stripeSecretKey?: pulumi.Output<string>;
}

interface RawConfig {
  readonly values: Readonly<Record<string, string>>;
  readonly isSecret: (key: string) => boolean;
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

/** The validation itself, on plain data: every problem in one message naming the key and what is allowed. */
export function validateStackConfig(
  functions: readonly FunctionManifest[],
  stack: string,
  raw: RawConfig,
): { region: string; settings: StackSettings } {
  const problems: string[] = [];
  const region = raw.values["aws:region"];
  if (region === undefined) problems.push("aws:region: is required, e.g. eu-central-1");
  else if (!AWS_REGION.test(region)) problems.push(`aws:region: must be an AWS region such as eu-central-1`);

  const prefix = `${CONFIG_NAMESPACE}:`;
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw.values)) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    input[name] = parseValue(value);
    if (isSecretKey(name) && !raw.isSecret(key)) {
      problems.push(
        `${key}: holds a credential, so it must be a Pulumi secret: pulumi config set --secret ${key} <value>`,
      );
    }
  }

  const result = v.safeParse(stackConfigSchema(functions), input);
  if (!result.success) problems.push(...result.issues.map(describeIssue));
  if (problems.length > 0 || !result.success || region === undefined) {
    throw new ConfigError(
      `invalid configuration for stack ${stack} (Pulumi.${stack}.yaml):\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
  }
  return { region, settings: result.output };
}

/** The CLI hands every value over as a string; structured values and numbers arrive as JSON text. */
function parseValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function isSecretKey(name: string): boolean {
  return (SECRET_KEYS as readonly string[]).includes(name);
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((segment) => String(segment.key));
  const key = `${CONFIG_NAMESPACE}:${keys.join(".")}`;
  const root = keys[0] ?? "";
  const missing = issue.kind === "schema" && issue.input === undefined && keys.length > 0;
  if (missing) return `${key}: is required (${issue.message})`;
  const got = isSecretKey(root) || issue.expected === "never" ? "" : ` (got ${issue.received})`;
  return `${key}: ${issue.message}${got}`;
}

/** Pulumi knows which keys were set with `--secret`; the check is not in its typings, hence the narrow cast. */
function isConfigSecret(key: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret(key: string): boolean };
  return runtime.isConfigSecret(key);
}
