/** Which top-level fields of two JSON objects differ, with short before/after values for scalars. */

/** One differing field; `before`/`after` are set only when both sides are short scalars worth showing. */
export interface FieldChange {
  readonly field: string;
  readonly before?: string;
  readonly after?: string;
}

/** Code-unit order: unlike localeCompare it is the same on every machine, so output stays byte-stable. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with object keys sorted, so that key order never counts as a change. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner !== "object" || inner === null || Array.isArray(inner)) return inner;
    const entries = Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => compareText(a, b));
    return Object.fromEntries(entries);
  });
}

const MAX_SHOWN_VALUE = 40;

function shown(value: unknown): string | undefined {
  if (value === undefined) return "(none)";
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return undefined;
  const text = String(value);
  return text.length <= MAX_SHOWN_VALUE ? text : undefined;
}

/** The fields whose values differ between `before` and `after`, sorted by name. */
export function fieldChanges(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareText);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (stableJson(before[field]) === stableJson(after[field])) continue;
    const was = shown(before[field]);
    const now = shown(after[field]);
    changes.push(was !== undefined && now !== undefined ? { field, before: was, after: now } : { field });
  }
  return changes;
}
