/**
 * Regenerates every committed copy of the workflow graph (docs/workflow.mmd and the marked block in each
 * document that embeds it) from the definition. Run it as `pnpm --filter @orderflow/workflow graph:write`
 * after changing the workflow.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { GRAPH_FILES, replaceGraphBlock } from "../src/docs/graph-docs";
import { orderWorkflow, sampleRefs, toMermaid } from "../src/index";

const root = new URL("../../../", import.meta.url);
const mermaid = toMermaid(orderWorkflow(sampleRefs));

const mermaidPath = fileURLToPath(new URL(GRAPH_FILES.mermaid, root));
await mkdir(dirname(mermaidPath), { recursive: true });
await writeFile(mermaidPath, mermaid);
const written: string[] = [GRAPH_FILES.mermaid];

for (const name of GRAPH_FILES.embedding) {
  // Read right before writing: other people edit these documents too, and only the marked block is ours.
  const path = fileURLToPath(new URL(name, root));
  const document = await readFile(path, "utf8");
  const updated = replaceGraphBlock(document, mermaid, name);
  if (updated === document) continue;
  await writeFile(path, updated);
  written.push(name);
}
console.log(`up to date: ${written.join(", ")}`);
