import type { AslDefinition } from "./types";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A definition read from outside the builder (a synth file, a request, a JSON string): an object with a
 * `States` map whose every state is an object with a string `Type`, nested machines included. Returns the
 * problem instead when it is not one; whether the definition is valid ASL is a question for
 * `structureProblems` and the workflow rules, not for this reader.
 */
export function readAslDefinition(
  value: unknown,
): { readonly definition: AslDefinition } | { readonly problem: string } {
  const parsed = typeof value === "string" ? parseJson(value) : value;
  if (parsed === undefined) return { problem: "is not JSON" };
  const problem = machineProblem(parsed, "");
  return problem === undefined ? { definition: parsed as AslDefinition } : { problem };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function machineProblem(machine: unknown, where: string): string | undefined {
  if (!isObject(machine) || !isObject(machine.States))
    return `${where || "the definition"} has no States object`;
  if (typeof machine.StartAt !== "string") return `${where || "the definition"} has no StartAt string`;
  for (const [name, state] of Object.entries(machine.States)) {
    const at = `${where}States.${name}`;
    if (!isObject(state) || typeof state.Type !== "string") return `${at} is not a state with a Type`;
    const nested = [
      ...(Array.isArray(state.Branches) ? state.Branches.map((b, i) => [b, `${at}.Branches[${i}].`]) : []),
      ...(["ItemProcessor", "Iterator"] as const).flatMap((key) =>
        state[key] === undefined ? [] : [[state[key], `${at}.${key}.`]],
      ),
    ] as [unknown, string][];
    for (const [inner, label] of nested) {
      const problem = machineProblem(inner, label);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}
