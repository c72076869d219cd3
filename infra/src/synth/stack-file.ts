import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** Stack configuration the way the Pulumi CLI hands it to a program: string values, secret keys listed. */
export interface StackConfigInput {
  readonly project: string;
  readonly stack: string;
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
}

/** The stacks checked in next to the program. */
export const STACKS = ["dev", "staging", "prod"] as const;
export type StackName = (typeof STACKS)[number];

/**
 * Stand-ins for `secure:` values, which only the CLI can decrypt. Shaped like the real thing so validation
 * passes; the synth masks every secret anyway.
 */
const SECRET_STAND_INS: Readonly<Record<string, string>> = {
  "orderflow:alarmWebhookUrl": "https://hooks.example.invalid/stand-in",
  "orderflow:stripeSecretKey": "sk_live_StandInForTheSecretKey",
};

/** Reads `Pulumi.<stack>.yaml` in `dir` as the CLI would present it to the program. */
export function readStackFile(dir: string, stack: string): StackConfigInput {
  const project = (parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as { name: string }).name;
  const file = parse(readFileSync(join(dir, `Pulumi.${stack}.yaml`), "utf8")) as {
    config?: Record<string, unknown>;
  } | null;
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(file?.config ?? {})) {
    if (isSecure(value)) {
      secretKeys.push(key);
      config[key] = SECRET_STAND_INS[key] ?? "stand-in-for-a-secret";
    } else {
      config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { project, stack, config, secretKeys };
}

function isSecure(value: unknown): boolean {
  return typeof value === "object" && value !== null && "secure" in value;
}
