/**
 * Stack configuration as plain data checked against the schema, without Pulumi: the program, the offline
 * synth and `orderflow preflight` share it, so all three refuse the same values with the same words.
 */
import type { FunctionManifest } from "@orderflow/domain";
import * as v from "valibot";
import { configSetCommand } from "./config-set-command";
import { CONFIG_NAMESPACE } from "./namespace";
import { SECRET_KEYS, type StackSettings, stackConfigSchema } from "./schema";

const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-\d$/;

/** Every problem of one stack's configuration; `problems` holds one line per key. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly stackName: string,
    readonly problems: readonly string[],
  ) {
    super(
      `invalid configuration for stack ${stackName} (Pulumi.${stackName}.yaml):\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
  }
}

/** Config values as the Pulumi CLI hands them over (strings), and which keys were set with `--secret`. */
export interface RawConfig {
  readonly values: Readonly<Record<string, string>>;
  readonly isSecret: (key: string) => boolean;
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

  const result = v.safeParse(stackConfigSchema(functions, stack), input);
  if (!result.success) problems.push(...result.issues.map((issue) => describeIssue(issue, stack)));
  if (problems.length > 0 || !result.success || region === undefined) throw new ConfigError(stack, problems);
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

function describeIssue(issue: v.BaseIssue<unknown>, stack: string): string {
  const keys = (issue.path ?? []).map((segment) => String(segment.key));
  const key = `${CONFIG_NAMESPACE}:${keys.join(".")}`;
  const root = keys[0] ?? "";
  const missing = issue.kind === "schema" && issue.input === undefined && keys.length > 0;
  if (missing) return `${key}: is required: ${configSetCommand(keys.join("."), "<value>", stack)}`;
  // A guardrail's message says what it found itself; echoing the whole settings object helps nobody.
  const quiet = isSecretKey(root) || issue.expected === "never" || issue.type === "raw_check";
  const got = quiet ? "" : ` (got ${issue.received})`;
  return `${key}: ${issue.message}${got}`;
}
