import { escapeHtml } from "@orderflow/task-notify-customer/core";
import type { AslDefinition } from "@orderflow/workflow/asl";
import { type GraphLayout, layoutGraph, NODE, type PlacedNode } from "./graph-layout";

function shape(node: PlacedNode): string {
  const { x, y } = node;
  const { width: w, height: h } = NODE;
  switch (node.type) {
    case "Choice":
      return `<polygon points="${x + 14},${y} ${x + w - 14},${y} ${x + w},${y + h / 2} ${x + w - 14},${y + h} ${x + 14},${y + h} ${x},${y + h / 2}"/>`;
    case "Succeed":
    case "Fail":
      return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${h / 2}"/>`;
    default:
      return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6"/>`;
  }
}

/** A curve from the bottom of one state to the top of another; edges that go up leave from the side. */
function path(from: PlacedNode, to: PlacedNode, kind: string): string {
  const { width: w, height: h } = NODE;
  const offset = kind === "catch" ? 10 : 0;
  if (to.layer > from.layer) {
    const [x1, y1, x2, y2] = [from.x + w / 2 + offset, from.y + h, to.x + w / 2 - offset, to.y];
    const bend = Math.max(18, (y2 - y1) / 2);
    return `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}`;
  }
  const [x1, y1, x2, y2] = [from.x + w, from.y + h / 2, to.x + w, to.y + h / 2];
  const out = Math.max(x1, x2) + NODE.columnGap * 0.8;
  return `M${x1},${y1} C${out},${y1} ${out},${y2} ${x2},${y2}`;
}

function svgOf(layout: GraphLayout, startAt: string): string {
  const byName = new Map(layout.nodes.map((n) => [n.name, n]));
  const edges = layout.edges.flatMap((edge) => {
    const from = byName.get(edge.from);
    const to = byName.get(edge.to);
    if (!from || !to) return [];
    const title = edge.kind === "catch" ? `Catch ${(edge.errors ?? []).join(", ")}` : edge.kind;
    const errors = edge.kind === "catch" ? ` data-errors="${escapeHtml((edge.errors ?? []).join(" "))}"` : "";
    return [
      `<path class="edge ${edge.kind}" data-from="${escapeHtml(edge.from)}" data-to="${escapeHtml(edge.to)}"${errors} d="${path(from, to, edge.kind)}" marker-end="url(#arrow)"><title>${escapeHtml(`${edge.from} → ${edge.to}: ${title}`)}</title></path>`,
    ];
  });
  const nodes = layout.nodes.map(
    (node) =>
      `<g class="state ${node.type.toLowerCase()}" data-state="${escapeHtml(node.name)}" data-type="${node.type}"><title>${escapeHtml(`${node.name} (${node.type})`)}</title>${shape(node)}<text x="${node.x + NODE.width / 2}" y="${node.y + NODE.height / 2}">${escapeHtml(node.name)}</text></g>`,
  );
  const start = byName.get(startAt);
  const entry = start
    ? `<circle class="start" cx="${start.x + NODE.width / 2}" cy="${NODE.margin + 8}" r="8"/><path class="edge next" d="M${start.x + NODE.width / 2},${NODE.margin + 16} L${start.x + NODE.width / 2},${start.y}" marker-end="url(#arrow)"/>`
    : "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="workflow-graph" viewBox="0 0 ${layout.width + NODE.columnGap} ${layout.height}" width="${layout.width + NODE.columnGap}" height="${layout.height}" role="img" aria-label="workflow graph">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>`,
    entry,
    ...edges,
    ...nodes,
    "</svg>",
  ].join("\n");
}

/**
 * The definition drawn as SVG: one `g.state[data-state]` per top-level state (Task rectangles, Choice
 * hexagons, Succeed and Fail pills), `path.edge.next|choice|default|catch[data-from][data-to]` per
 * transition. The console colours them by what an execution did; the drawing itself has no outcome.
 */
export function graphSvg(definition: AslDefinition): string {
  return svgOf(layoutGraph(definition), definition.StartAt);
}
