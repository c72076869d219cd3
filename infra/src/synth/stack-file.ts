import { existsSync, readFileSync } from "node:fs";
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
 * The folder of sample values for what a stack's owner sets with `pulumi config set` (account, identity
 * provider, on-call address, subnets). Only the offline synth and the tests read it; `pulumi up` reads
 * `Pulumi.<stack>.yaml` alone, so a stack whose owner has not set them fails validation instead of
 * deploying a sample.
 */
export const SAMPLES_DIR = "synth-samples";

/**
 * Stand-ins for `secure:` values, which only the CLI can decrypt. Shaped like the real thing so validation
 * passes; the synth masks every secret anyway.
 */
const SECRET_STAND_INS: Readonly<Record<string, string>> = {
  "orderflow:alarmWebhookUrl": "https://hooks.example.invalid/stand-in",
  "orderflow:stripeSecretKey": "sk_live_StandInForTheSecretKey",
};

type ConfigMap = Readonly<Record<string, unknown>>;

/** Reads `Pulumi.<stack>.yaml` in `dir` as the CLI would present it to the program. */
export function readStackFile(dir: string, stack: string): StackConfigInput {
  return asProgramInput(projectName(dir), stack, configMap(join(dir, `Pulumi.${stack}.yaml`)));
}

/**
 * `Pulumi.<stack>.yaml` with the stack's sample values (`synth-samples/<stack>.yaml`) filling in only what
 * the stack file leaves out: what the offline synth and the tests run. A value the stack file sets wins.
 */
export function readStackFileWithSamples(dir: string, stack: string): StackConfigInput {
  const samples = join(dir, SAMPLES_DIR, `${stack}.yaml`);
  const own = configMap(join(dir, `Pulumi.${stack}.yaml`));
  const merged = existsSync(samples) ? fillIn(own, configMap(samples)) : own;
  return asProgramInput(projectName(dir), stack, merged);
}

function projectName(dir: string): string {
  return (parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as { name: string }).name;
}

function configMap(file: string): ConfigMap {
  const parsed = parse(readFileSync(file, "utf8")) as { config?: ConfigMap } | null;
  return parsed?.config ?? {};
}

/** `own` with what it lacks taken from `samples`, object by object (lists and values are taken whole). */
function fillIn(own: ConfigMap, samples: ConfigMap): ConfigMap {
  const result: Record<string, unknown> = { ...own };
  for (const [key, sample] of Object.entries(samples)) {
    const mine = own[key];
    result[key] =
      mine === undefined
        ? sample
        : isPlainObject(mine) && isPlainObject(sample)
          ? fillIn(mine, sample)
          : mine;
  }
  return result;
}

function isPlainObject(value: unknown): value is ConfigMap {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isSecure(value);
}

function asProgramInput(project: string, stack: string, map: ConfigMap): StackConfigInput {
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(map)) {
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
