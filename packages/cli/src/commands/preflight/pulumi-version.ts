import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { firstErrorLine, type ProgramResult, type RunProgram } from "../run-program";
import { type CheckResult, fail, pass } from "./check-result";

const CHECK = "pulumi-cli";

/** The file every workflow installs the Pulumi CLI from (`pulumi/actions` `pulumi-version-file`). */
export const PULUMI_VERSION_FILE = ".pulumi-version";

/** The pinned version from the nearest `.pulumi-version` at or above `dir`, or undefined without one. */
export function pinnedPulumiVersion(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const file = join(current, PULUMI_VERSION_FILE);
    if (existsSync(file)) return readFileSync(file, "utf8").trim();
    if (dirname(current) === current) return undefined;
  }
}

const install = (version: string) =>
  `install ${version}: curl -fsSL https://get.pulumi.com | sh -s -- --version ${version} (CI installs it from ${PULUMI_VERSION_FILE})`;

/** The Pulumi CLI on PATH is the version the workflows pin. */
export async function checkPulumiVersion(
  pinned: string | undefined,
  run: RunProgram,
  cwd: string,
): Promise<CheckResult> {
  if (pinned === undefined) {
    return fail(
      CHECK,
      `no ${PULUMI_VERSION_FILE} found`,
      `add ${PULUMI_VERSION_FILE} at the repository root`,
    );
  }
  let result: ProgramResult;
  try {
    result = await run("pulumi", ["version"], { cwd });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return fail(CHECK, "the Pulumi CLI is not installed", install(pinned));
  }
  if (result.exitCode !== 0) return fail(CHECK, firstErrorLine(result), install(pinned));
  const installed = result.stdout.trim().replace(/^v/, "");
  if (installed !== pinned) return fail(CHECK, `${installed} installed, ${pinned} pinned`, install(pinned));
  return pass(CHECK, `${installed}, as pinned`);
}
