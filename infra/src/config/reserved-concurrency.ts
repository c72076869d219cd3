import type { FunctionManifest } from "@orderflow/domain";
import type { FunctionConfig, StackSettings } from "./schema";

type ConcurrencySettings = Pick<StackSettings, "functions" | "reservedConcurrency">;

/** Whether the manifest is a Lambda function (container tasks have no concurrency to reserve). */
export function isLambda(manifest: FunctionManifest): boolean {
  return !("kind" in manifest) || manifest.kind !== "container";
}

/**
 * What a function reserves: its own `orderflow:functions.<name>.reservedConcurrency`, else the stack's
 * `orderflow:reservedConcurrency`, else nothing (it shares the account's unreserved pool).
 */
export function reservedConcurrencyOf(settings: ConcurrencySettings, name: string): number | undefined {
  const own: FunctionConfig | undefined = settings.functions[name];
  return own?.reservedConcurrency ?? settings.reservedConcurrency;
}

/**
 * What the stack reserves across its functions. Lambda keeps 100 of the account's concurrency unreserved,
 * so the account's quota must be at least this plus 100 (`orderflow preflight` checks it).
 */
export function reservedConcurrencyTotal(
  settings: ConcurrencySettings,
  functions: readonly FunctionManifest[],
): number {
  return functions
    .filter(isLambda)
    .reduce((sum, manifest) => sum + (reservedConcurrencyOf(settings, manifest.name) ?? 0), 0);
}
