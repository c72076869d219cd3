/**
 * Regenerates the committed workflow graph (docs/workflow.mmd and the README block) from the
 * definition. Run it as `pnpm --filter @orderflow/workflow graph:write` after changing the workflow.
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

// Read right before writing: other people edit the README too, and only the marked block is ours.
const readmePath = fileURLToPath(new URL(GRAPH_FILES.readme, root));
const readme = await readFile(readmePath, "utf8");
const updated = replaceGraphBlock(readme, mermaid);
if (updated !== readme) await writeFile(readmePath, updated);

console.log(
  `wrote ${GRAPH_FILES.mermaid}${updated === readme ? "" : ` and the graph in ${GRAPH_FILES.readme}`}`,
);
