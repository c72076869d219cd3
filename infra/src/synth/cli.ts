/**
 * `pnpm synth [--stack dev|staging|prod|all]`: runs the program under mocks with each stack's checked-in
 * config, writes `.synth/<stack>.json`, and runs the policy pack over it. Exits non-zero on a mandatory
 * policy violation, so CI can use it as a gate.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readStackFileWithSamples, STACKS } from "./stack-file";

const infraDir = fileURLToPath(new URL("../..", import.meta.url));

function requestedStacks(argv: readonly string[]): readonly string[] {
  const index = argv.findIndex((arg) => arg === "--stack" || arg.startsWith("--stack="));
  const value = index === -1 ? "all" : (argv[index]?.split("=")[1] ?? argv[index + 1]);
  if (value === "all") return STACKS;
  if ((STACKS as readonly string[]).includes(value ?? "")) return [value as string];
  throw new Error(`--stack must be one of ${STACKS.join(", ")} or all (got ${value ?? "nothing"})`);
}

async function main(): Promise<void> {
  const stacks = requestedStacks(process.argv.slice(2));
  // Pulumi and the policy pack take seconds to load: a mistyped flag is refused before they do.
  const [{ renderSynth, synthesize }, { readPackConfig, runPolicies }, { policies }] = await Promise.all([
    import("./synthesize"),
    import("../policy/offline"),
    import("../policy/policies"),
  ]);
  const outDir = join(infraDir, ".synth");
  mkdirSync(outDir, { recursive: true });
  let failed = false;
  for (const stack of stacks) {
    const { document } = await synthesize(readStackFileWithSamples(infraDir, stack));
    const file = join(outDir, `${stack}.json`);
    writeFileSync(file, renderSynth(document));
    const violations = await runPolicies(
      document.resources,
      policies,
      readPackConfig(join(infraDir, "policy-pack"), stack),
      stack,
    );
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
    console.log(
      `${stack.padEnd(8)} ${String(document.resources.length).padStart(3)} resources → ${file}; ` +
        `${policies.length} policies, ${violations.length} violation(s)`,
    );
    for (const v of violations)
      console.log(`  [${v.enforcementLevel}] ${v.policy} ${v.resource ?? "(stack)"}: ${v.message}`);
    failed ||= mandatory.length > 0;
  }
  if (failed) process.exitCode = 1;
}

await main();
