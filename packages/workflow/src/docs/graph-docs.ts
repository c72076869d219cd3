/**
 * The committed copies of the workflow graph: `docs/workflow.mmd` and a block in the README between
 * two marker lines. Only the part between the markers is generated; the README around it is prose.
 */
export const GRAPH_START = "<!-- workflow-graph:start -->";
export const GRAPH_END = "<!-- workflow-graph:end -->";

/** The command that regenerates both copies from the definition. */
export const GRAPH_WRITE_COMMAND = "pnpm --filter @orderflow/workflow graph:write";

/** Both copies, relative to the repository root. */
export const GRAPH_FILES = { readme: "README.md", mermaid: "docs/workflow.mmd" } as const;

function markerRange(readme: string): { start: number; end: number } {
  const start = readme.indexOf(GRAPH_START);
  const end = readme.indexOf(GRAPH_END);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no "${GRAPH_START}" … "${GRAPH_END}" block for the workflow graph`);
  }
  return { start: start + GRAPH_START.length, end };
}

/** What goes between the markers: the graph as a fenced mermaid block. */
export function graphBlock(mermaid: string): string {
  return `\n\`\`\`mermaid\n${mermaid.endsWith("\n") ? mermaid : `${mermaid}\n`}\`\`\`\n`;
}

/** The text between the markers, exactly as committed. */
export function readGraphBlock(readme: string): string {
  const { start, end } = markerRange(readme);
  return readme.slice(start, end);
}

/** The README with the block between the markers replaced; everything else untouched. */
export function replaceGraphBlock(readme: string, mermaid: string): string {
  const { start, end } = markerRange(readme);
  return `${readme.slice(0, start)}${graphBlock(mermaid)}${readme.slice(end)}`;
}
