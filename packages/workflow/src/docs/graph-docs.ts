/**
 * The committed copies of the workflow graph: `docs/workflow.mmd`, and a block between two marker lines
 * in each document that shows it. Only the part between the markers is generated; the prose around it is
 * not.
 */
export const GRAPH_START = "<!-- workflow-graph:start -->";
export const GRAPH_END = "<!-- workflow-graph:end -->";

/** The command that regenerates every copy from the definition. */
export const GRAPH_WRITE_COMMAND = "pnpm --filter @orderflow/workflow graph:write";

/** The graph file, and the documents that embed it between the markers; relative to the repository root. */
export const GRAPH_FILES = {
  mermaid: "docs/workflow.mmd",
  embedding: ["README.md", "docs/architecture.md"],
} as const;

function markerRange(document: string, name: string): { start: number; end: number } {
  const start = document.indexOf(GRAPH_START);
  const end = document.indexOf(GRAPH_END);
  if (start < 0 || end < start) {
    throw new Error(`${name} has no "${GRAPH_START}" … "${GRAPH_END}" block for the workflow graph`);
  }
  return { start: start + GRAPH_START.length, end };
}

/** What goes between the markers: the graph as a fenced mermaid block. */
export function graphBlock(mermaid: string): string {
  return `\n\`\`\`mermaid\n${mermaid.endsWith("\n") ? mermaid : `${mermaid}\n`}\`\`\`\n`;
}

/** The text between the markers of `document` (named `name` in errors), exactly as committed. */
export function readGraphBlock(document: string, name = "the document"): string {
  const { start, end } = markerRange(document, name);
  return document.slice(start, end);
}

/** The document with the block between the markers replaced; everything else untouched. */
export function replaceGraphBlock(document: string, mermaid: string, name = "the document"): string {
  const { start, end } = markerRange(document, name);
  return `${document.slice(0, start)}${graphBlock(mermaid)}${document.slice(end)}`;
}
