import { type AslDefinition, type AslState, edgesOf } from "./asl";

export interface MermaidOptions {
  /** @default "TD" */
  readonly direction?: "TD" | "LR";
}

const RESERVED_IDS = new Set([
  "end",
  "graph",
  "flowchart",
  "subgraph",
  "class",
  "classDef",
  "style",
  "click",
]);

/** The node every state with `End` leads to, like `start` the one StartAt comes from. */
const FINISH = "finish";

function nodeIds(names: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>(["start", FINISH]);
  for (const name of names) {
    let id = name.replace(/[^A-Za-z0-9_]/g, "_") || "state";
    if (RESERVED_IDS.has(id.toLowerCase()) || /^\d/.test(id)) id = `s_${id}`;
    while (used.has(id)) id = `${id}_`;
    used.add(id);
    ids.set(name, id);
  }
  return ids;
}

/** Mermaid text must not carry quotes or the characters that end a label. */
const label = (text: string) => text.replace(/["[\](){}|<>]/g, " ").trim();

function shape(id: string, name: string, state: AslState): string {
  const text = label(name);
  switch (state.Type) {
    case "Choice":
      return `${id}{"${text}"}`;
    case "Succeed":
    case "Fail":
      return `${id}(["${text}"])`;
    case "Task":
      return `${id}["${text}"]`;
    default:
      return `${id}("${text}")`;
  }
}

const ends = (state: AslState | undefined) => (state as { End?: unknown } | undefined)?.End === true;

/**
 * The definition as a Mermaid flowchart: ordinary transitions as solid arrows, Catch transitions as
 * dotted arrows labelled with the errors they take, a state with End leading to an end node, Succeed and
 * Fail states styled. Deterministic, so a committed copy can be compared with a fresh render.
 */
export function toMermaid(definition: AslDefinition, options: MermaidOptions = {}): string {
  const names = Object.keys(definition.States);
  const ids = nodeIds(names);
  const id = (name: string) => ids.get(name) ?? label(name);
  const lines = [`flowchart ${options.direction ?? "TD"}`, `  start((start)) --> ${id(definition.StartAt)}`];
  for (const name of names) lines.push(`  ${shape(id(name), name, definition.States[name] as AslState)}`);
  const ending = names.filter((name) => ends(definition.States[name]));
  if (ending.length > 0) lines.push(`  ${FINISH}(("end"))`);
  for (const name of names) {
    for (const edge of edgesOf(name, definition.States[name] as AslState)) {
      if (edge.kind === "catch") {
        lines.push(`  ${id(name)} -.->|${label((edge.errors ?? []).join(", "))}| ${id(edge.to)}`);
      } else if (edge.kind === "next") {
        lines.push(`  ${id(name)} --> ${id(edge.to)}`);
      } else {
        lines.push(`  ${id(name)} -->|${edge.kind}| ${id(edge.to)}`);
      }
    }
    if (ends(definition.States[name])) lines.push(`  ${id(name)} --> ${FINISH}`);
  }
  const ofType = (type: AslState["Type"]) => names.filter((n) => definition.States[n]?.Type === type).map(id);
  lines.push("  classDef succeed fill:#d3f9d8,stroke:#2b8a3e,color:#1b4d2b");
  lines.push("  classDef fail fill:#ffe3e3,stroke:#c92a2a,color:#5c1a1a");
  const succeeded = [...ofType("Succeed"), ...(ending.length > 0 ? [FINISH] : [])];
  const failed = ofType("Fail");
  if (succeeded.length > 0) lines.push(`  class ${succeeded.join(",")} succeed`);
  if (failed.length > 0) lines.push(`  class ${failed.join(",")} fail`);
  return `${lines.join("\n")}\n`;
}
