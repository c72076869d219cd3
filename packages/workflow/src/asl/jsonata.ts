import type { AslBranch } from "./types";

/** One place a definition uses JSONata (or `Assign`), which the local engine cannot run. */
export interface JsonataUse {
  readonly state?: string;
  readonly field: string;
}

/** State and catcher fields that exist only for JSONata, plus `Assign` (variables) which we also refuse. */
const JSONATA_FIELDS = ["Arguments", "Assign", "Output", "Condition", "Items"] as const;
const JSONATA_EXPRESSION = /^\s*\{%[\s\S]*%\}\s*$/;

function expressionsIn(value: unknown, path: string, found: string[]): void {
  if (typeof value === "string") {
    if (JSONATA_EXPRESSION.test(value)) found.push(path);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) expressionsIn(item, `${path}[${index}]`, found);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value))
      expressionsIn(item, path ? `${path}.${key}` : key, found);
  }
}

function fieldsIn(record: object, prefix: string, found: string[]): void {
  for (const field of JSONATA_FIELDS) if (field in record) found.push(`${prefix}${field}`);
  const language = (record as { QueryLanguage?: unknown }).QueryLanguage;
  if (language !== undefined && language !== "JSONPath") found.push(`${prefix}QueryLanguage`);
}

/** Every JSONata use in `branch`, its Parallel branches included, each with the state it is in. */
export function findJsonata(branch: AslBranch, where = ""): JsonataUse[] {
  const uses: JsonataUse[] = [];
  const top: string[] = [];
  fieldsIn(branch, "", top);
  // A Parallel branch's own fields belong to the Parallel state (`Outer.Branches[0]`).
  for (const field of top) uses.push(where ? { state: where.slice(0, -1), field } : { field });
  for (const [name, state] of Object.entries(branch.States ?? {})) {
    const fields: string[] = [];
    fieldsIn(state, "", fields);
    const lists = state as { Catch?: unknown; Choices?: unknown; Retry?: unknown };
    for (const key of ["Catch", "Choices", "Retry"] as const) {
      const list = lists[key];
      if (!Array.isArray(list)) continue;
      for (const [i, item] of list.entries()) fieldsIn(item as object, `${key}[${i}].`, fields);
    }
    const { Branches, ...rest } = state as { Branches?: unknown };
    expressionsIn(rest, "", fields);
    for (const field of fields) uses.push({ state: `${where}${name}`, field });
    if (Array.isArray(Branches)) {
      for (const [i, sub] of Branches.entries()) {
        uses.push(...findJsonata(sub as AslBranch, `${where}${name}.Branches[${i}].`));
      }
    }
  }
  return uses;
}
