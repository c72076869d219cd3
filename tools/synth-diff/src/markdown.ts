import { type AslDiff, isEmptyAslDiff } from "./asl-diff";
import type { FieldChange } from "./field-changes";
import type { ResourceDiff, ResourceRef } from "./resource-diff";
import type { StackDiff } from "./stack-diff";

/** Hidden first line of the comment: the commenting job finds its previous comment by it and edits it. */
export const COMMENT_MARKER = "<!-- orderflow:synth-diff -->";

/** GitHub rejects comments above 65,536 characters; stay clear of it. */
export const MAX_COMMENT_CHARS = 60_000;

export interface RenderOptions {
  /** What the base side is, e.g. `main @ 1a2b3c4`. */
  readonly baseLabel?: string;
  /** What the head side is, e.g. `#42 @ 5d6e7f8`. */
  readonly headLabel?: string;
  /** Lines shown above the table, e.g. that the base could not be synthesized. */
  readonly notes?: readonly string[];
  /**
   * Detail lines per stack before the rest is summarized as "… and N more".
   * @default 40
   */
  readonly maxItemsPerStack?: number;
}

/** Names come from pull-request code: keep them inside one code span whatever they contain. */
function code(text: string): string {
  return `\`${text.replace(/[`\r\n]/g, "'")}\``;
}

/** Stack names come from file names in pull-request code: never let them become markup. */
function plain(text: string): string {
  return text.replace(/[<>&|]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function fieldList(fields: readonly FieldChange[]): string {
  return fields
    .map(({ field, before, after }) => (before === undefined ? field : `${field} ${before} → ${after}`))
    .join(", ");
}

function counts(added: number, changed: number, removed: number, noun = ""): string {
  if (added + changed + removed === 0) return "no change";
  return `+${added} ~${changed} −${removed}${noun}`;
}

function resourceLine(sign: string, ref: ResourceRef): string {
  return `- ${sign} ${code(ref.type)} ${code(ref.name)}`;
}

function resourceLines(diff: ResourceDiff): string[] {
  return [
    ...diff.added.map((ref) => resourceLine("➕", ref)),
    ...diff.changed.map((ref) => `${resourceLine("✏️", ref)}: ${fieldList(ref.fields)}`),
    ...diff.removed.map((ref) => resourceLine("➖", ref)),
  ];
}

function stateLines(diff: AslDiff): string[] {
  return [
    ...diff.machine.map((change) => `- ✏️ definition: ${fieldList([change])}`),
    ...diff.added.map((state) => `- ➕ ${code(state.path)} (${state.type})`),
    ...diff.changed.map((state) => `- ✏️ ${code(state.path)} (${state.type}): ${fieldList(state.fields)}`),
    ...diff.removed.map((state) => `- ➖ ${code(state.path)} (${state.type})`),
  ];
}

function stateTotals(stack: StackDiff): { added: number; changed: number; removed: number } {
  let added = 0;
  let changed = 0;
  let removed = 0;
  for (const diff of stack.stateMachines.values()) {
    added += diff.added.length;
    changed += diff.changed.length + (diff.machine.length > 0 ? 1 : 0);
    removed += diff.removed.length;
  }
  return { added, changed, removed };
}

function hasChanges(stack: StackDiff): boolean {
  const { added, changed, removed } = stack.resources;
  return (
    added.length + changed.length + removed.length > 0 ||
    [...stack.stateMachines.values()].some((diff) => !isEmptyAslDiff(diff))
  );
}

function summaryRow(stack: StackDiff): string {
  const { added, changed, removed } = stack.resources;
  const resources =
    stack.status === "new"
      ? `new stack: ${added.length} resources`
      : stack.status === "removed"
        ? `stack removed: ${removed.length} resources`
        : counts(added.length, changed.length, removed.length);
  const states = stateTotals(stack);
  return `| ${plain(stack.stack)} | ${resources} | ${counts(states.added, states.changed, states.removed, " states")} |`;
}

/** Takes items from a shared budget, so a long first section cannot crowd out the summary of the rest. */
function takeFrom(budget: { left: number }, items: string[]): string[] {
  if (items.length <= budget.left) {
    budget.left -= items.length;
    return items;
  }
  const kept = items.slice(0, budget.left);
  budget.left = 0;
  return [...kept, `- … and ${items.length - kept.length} more`];
}

function details(stack: StackDiff, maxItems: number): string[] {
  const budget = { left: maxItems };
  const sections: string[] = [];
  const resources = resourceLines(stack.resources);
  if (resources.length > 0) sections.push("**Resources**", "", ...takeFrom(budget, resources), "");
  for (const [name, diff] of stack.stateMachines) {
    if (isEmptyAslDiff(diff)) continue;
    sections.push(`**State machine ${code(name)}**`, "", ...takeFrom(budget, stateLines(diff)), "");
  }
  const { added, changed, removed } = stack.resources;
  const states = stateTotals(stack);
  const title =
    `<b>${plain(stack.stack)}</b>: resources ${counts(added.length, changed.length, removed.length)}` +
    ` · states ${counts(states.added, states.changed, states.removed)}`;
  return ["<details>", `<summary>${title}</summary>`, "", ...sections, "</details>", ""];
}

function render(stacks: readonly StackDiff[], options: RenderOptions, maxItems: number): string {
  const lines = [COMMENT_MARKER, "### Offline synth diff", ""];
  if (options.baseLabel && options.headLabel) {
    lines.push(
      `${options.baseLabel} → ${options.headLabel} · rendered by \`pnpm synth\` without credentials`,
      "",
    );
  }
  for (const note of options.notes ?? []) lines.push(`> ${note}`, "");
  const changed = stacks.filter(hasChanges);
  if (stacks.length === 0) {
    lines.push("No synth output on either side.");
    return `${lines.join("\n")}\n`;
  }
  if (changed.length === 0) {
    lines.push(`No resource or state-machine changes in ${stacks.map((s) => plain(s.stack)).join(", ")}.`);
    return `${lines.join("\n")}\n`;
  }
  lines.push("| stack | resources (+added ~changed −removed) | state machine |", "|---|---|---|");
  lines.push(...stacks.map(summaryRow), "");
  for (const stack of changed) lines.push(...details(stack, maxItems));
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The PR comment for a set of stack diffs: marker, summary table, and per changed stack a folded list. */
export function renderMarkdown(stacks: readonly StackDiff[], options: RenderOptions = {}): string {
  let maxItems = options.maxItemsPerStack ?? 40;
  let markdown = render(stacks, options, maxItems);
  while (markdown.length > MAX_COMMENT_CHARS && maxItems > 0) {
    maxItems = Math.floor(maxItems / 2);
    markdown = render(stacks, options, maxItems);
  }
  return markdown;
}
