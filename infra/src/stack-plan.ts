/**
 * What a stack will deploy, read from its stack file alone (no Pulumi, no AWS): the checks
 * `orderflow preflight` runs before a first `pulumi up`, and the canary settings `orderflow rollout`
 * follows. It validates exactly as the program does, with the program's manifests.
 */
import type { FunctionManifest } from "@orderflow/domain";
import { isLambda, reservedConcurrencyTotal } from "./config/reserved-concurrency";
import type { StackSettings } from "./config/schema";
import { validateStackConfig } from "./config/validate";
import { deployedFunctions } from "./deployed-functions";
import { PROGRAM_DIR } from "./program-dir";
import { readStackFile } from "./synth/stack-file";

export { ConfigError } from "./config/validate";

/** The manifests the program deploys. */
const DEPLOYED: readonly FunctionManifest[] = deployedFunctions();

/** Tasks that run as containers: they need an image builder and a network, whatever the stack. */
export const CONTAINER_TASKS: readonly string[] = DEPLOYED.filter((m) => !isLambda(m)).map((m) => m.name);

export interface StackPlan {
  readonly project: string;
  readonly stack: string;
  readonly region: string;
  readonly settings: StackSettings;
  /** Every physical name starts with it, e.g. `orderflow-prod-`. */
  readonly namePrefix: string;
  /** Concurrency the stack's functions reserve together; the account's quota must exceed it by 100. */
  readonly reservedConcurrency: number;
  /** Tasks that run as containers: they need an image builder and a network. */
  readonly containerTasks: readonly string[];
}

/**
 * The plan of `Pulumi.<stack>.yaml` in the program's folder (the checked-in file only: no sample values).
 * Throws a ConfigError naming every bad or missing key, as `pulumi up` would.
 */
export function readStackPlan(stack: string, dir: string = PROGRAM_DIR): StackPlan {
  const input = readStackFile(dir, stack);
  const { region, settings } = validateStackConfig(DEPLOYED, stack, {
    values: input.config,
    isSecret: (key) => input.secretKeys.includes(key),
  });
  return {
    project: input.project,
    stack,
    region,
    settings,
    namePrefix: `${input.project}-${stack}-`,
    reservedConcurrency: reservedConcurrencyTotal(settings, DEPLOYED),
    containerTasks: CONTAINER_TASKS,
  };
}
