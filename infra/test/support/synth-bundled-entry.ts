/**
 * Runs the bundled Pulumi entry (`dist/main.mjs`) under the mocks in a plain Node process, the way the
 * Pulumi CLI loads it (native ESM, `@pulumi/*` as external CommonJS), and prints the synth document.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { readStackFileWithSamples } from "../../src/synth/stack-file";
import { type Program, renderSynth, synthesize } from "../../src/synth/synthesize";

const infraDir = fileURLToPath(new URL("../..", import.meta.url));
const stack = process.argv[2] ?? "dev";
const entry = pathToFileURL(`${infraDir}/dist/main.mjs`).href;

const { document } = await synthesize(readStackFileWithSamples(infraDir, stack), async () => {
  const module = (await import(entry)) as { default: Program };
  return module.default;
});
process.stdout.write(renderSynth(document));
