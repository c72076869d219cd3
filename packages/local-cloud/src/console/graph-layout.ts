import { type AslDefinition, type AslState, type Edge, edgesOf } from "@orderflow/workflow/asl";

export interface PlacedNode {
  readonly name: string;
  readonly type: AslState["Type"];
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly layer: number;
  readonly column: number;
}

export interface GraphLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly Edge[];
  readonly width: number;
  readonly height: number;
}

export const NODE = { width: 184, height: 36, columnGap: 36, layerGap: 44, margin: 24 } as const;

/** Depth-first from StartAt along edges in definition order (`Next` first): discovery order and back edges. */
function explore(names: readonly string[], edges: readonly Edge[], start: string) {
  const order: string[] = [];
  const back = new Set<Edge>();
  const onStack = new Set<string>();
  const seen = new Set<string>();
  const out = (name: string) => edges.filter((e) => e.from === name);
  const visit = (name: string) => {
    seen.add(name);
    onStack.add(name);
    order.push(name);
    for (const edge of out(name)) {
      if (onStack.has(edge.to)) back.add(edge);
      else if (!seen.has(edge.to) && names.includes(edge.to)) visit(edge.to);
    }
    onStack.delete(name);
  };
  if (names.includes(start)) visit(start);
  for (const name of names) if (!seen.has(name)) visit(name);
  return { order, back };
}

/** Longest path from the start over forward edges: each state sits below everything that leads to it. */
function layers(order: readonly string[], forward: readonly Edge[]): Map<string, number> {
  const layer = new Map(order.map((n) => [n, 0]));
  // Relaxing in discovery order until nothing moves is enough for the small graphs of a workflow.
  for (let changed = true; changed; ) {
    changed = false;
    for (const edge of forward) {
      const next = (layer.get(edge.from) ?? 0) + 1;
      if (next > (layer.get(edge.to) ?? 0)) {
        layer.set(edge.to, next);
        changed = true;
      }
    }
  }
  return layer;
}

/**
 * A layered layout of a definition's top-level states, top to bottom: layers by longest path from StartAt
 * (back edges ignored), each layer ordered by the mean column of its predecessors with ties in discovery
 * order, so the path through `Next` stays in the first column. Deterministic for a given definition.
 */
export function layoutGraph(definition: AslDefinition): GraphLayout {
  const names = Object.keys(definition.States);
  const edges = names.flatMap((name) => edgesOf(name, definition.States[name] as AslState));
  const { order, back } = explore(names, edges, definition.StartAt);
  const forward = edges.filter((e) => !back.has(e) && e.from !== e.to);
  const layerOf = layers(order, forward);
  const depth = Math.max(0, ...layerOf.values()) + 1;
  const column = new Map<string, number>();
  const rank = new Map(order.map((n, i) => [n, i]));
  for (let layer = 0; layer < depth; layer++) {
    const inLayer = order.filter((n) => layerOf.get(n) === layer);
    const weight = (name: string) => {
      const columns = forward
        .filter((e) => e.to === name && column.has(e.from))
        .map((e) => column.get(e.from) as number);
      return columns.length === 0 ? 0 : columns.reduce((a, b) => a + b, 0) / columns.length;
    };
    inLayer.sort((a, b) => weight(a) - weight(b) || (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    for (const [index, name] of inLayer.entries()) column.set(name, index);
  }
  const width = Math.max(1, ...[...column.values()].map((c) => c + 1));
  const nodes = order.map((name) => {
    const c = column.get(name) ?? 0;
    const l = layerOf.get(name) ?? 0;
    return {
      name,
      type: (definition.States[name] as AslState).Type,
      layer: l,
      column: c,
      x: NODE.margin + c * (NODE.width + NODE.columnGap),
      y: NODE.margin + NODE.layerGap + l * (NODE.height + NODE.layerGap),
    };
  });
  return {
    nodes,
    edges,
    width: 2 * NODE.margin + width * NODE.width + (width - 1) * NODE.columnGap,
    height: 2 * NODE.margin + NODE.layerGap + depth * NODE.height + (depth - 1) * NODE.layerGap,
  };
}
