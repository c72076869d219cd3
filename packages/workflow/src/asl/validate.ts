import { edgesOf, reachableFrom } from "./graph";
import { findJsonata } from "./jsonata";
import type { AslBranch, AslState } from "./types";

/** A structural problem of a definition, with the state it concerns. */
export interface StructureProblem {
  readonly state?: string;
  readonly message: string;
}

const STATE_TYPES = new Set(["Task", "Pass", "Wait", "Choice", "Parallel", "Succeed", "Fail"]);
const CANNOT_CONTINUE = new Set(["Choice", "Succeed", "Fail"]);

function flowProblems(state: AslState): string[] {
  if (!STATE_TYPES.has(state.Type)) return [`has unknown Type "${String(state.Type)}"`];
  if (CANNOT_CONTINUE.has(state.Type)) {
    return "Next" in state || "End" in state ? [`a ${state.Type} state takes neither Next nor End`] : [];
  }
  const { Next, End } = state as { Next?: string; End?: boolean };
  if (Next !== undefined && End !== undefined) return ["has both Next and End"];
  if (Next === undefined && End !== true) return ["has neither Next nor End (chain it to a state or end it)"];
  return [];
}

/**
 * Everything that makes a branch unrunnable or misleading: unknown StartAt, dangling transitions,
 * states without a way on, unreachable states, and (unless `checkJsonata` is false) JSONata, which
 * is looked for once over the whole tree. Parallel branches are checked recursively.
 */
export function structureProblems(branch: AslBranch, where = "", checkJsonata = true): StructureProblem[] {
  const problems: StructureProblem[] = [];
  const states = branch.States ?? {};
  if (!(branch.StartAt in states)) {
    problems.push({ message: `${where}StartAt "${branch.StartAt}" is not a state of this machine` });
  }
  for (const [name, state] of Object.entries(states)) {
    const label = `${where}${name}`;
    for (const message of flowProblems(state)) problems.push({ state: label, message });
    for (const edge of edgesOf(name, state)) {
      if (!(edge.to in states)) {
        problems.push({
          state: label,
          message: `${edge.kind} target "${edge.to}" is not a state of this machine`,
        });
      }
    }
    if (state.Type === "Parallel") {
      (state.Branches ?? []).forEach((sub, i) => {
        problems.push(...structureProblems(sub, `${label}.Branches[${i}].`, false));
      });
    }
  }
  if (branch.StartAt in states) {
    const reachable = reachableFrom(branch, branch.StartAt);
    for (const name of Object.keys(states)) {
      if (!reachable.has(name)) {
        problems.push({
          state: `${where}${name}`,
          message: `is unreachable from StartAt "${branch.StartAt}"`,
        });
      }
    }
  }
  if (checkJsonata) {
    for (const use of findJsonata(branch)) {
      problems.push({
        ...(use.state !== undefined && { state: use.state }),
        message: `uses JSONata or variables (${use.field}); only JSONPath runs locally`,
      });
    }
  }
  return problems;
}
