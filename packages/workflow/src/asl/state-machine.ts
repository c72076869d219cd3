import { AslBuildError, nameOf, type StateNode, type Target } from "./node";
import type { AslBranch, AslDefinition, AslState } from "./types";
import { structureProblems } from "./validate";

export interface BranchOptions {
  readonly startAt: Target;
  readonly states: readonly StateNode[];
}

export interface StateMachineOptions extends BranchOptions {
  readonly comment?: string;
  /** Execution timeout in seconds. */
  readonly timeoutSeconds?: number;
}

function collect(states: readonly StateNode[]): Record<string, AslState> {
  const byName: Record<string, AslState> = {};
  for (const { name, state } of states) {
    if (Object.hasOwn(byName, name)) throw new AslBuildError(name, "duplicate state name");
    byName[name] = state;
  }
  return byName;
}

function assertValid(branch: AslBranch): void {
  const [first, ...more] = structureProblems(branch);
  if (first === undefined) return;
  const error = new AslBuildError(first.state, first.message);
  if (more.length > 0) {
    error.message += ` (and ${more.length} more: ${more.map((p) => `${p.state ?? "definition"}: ${p.message}`).join("; ")})`;
  }
  throw error;
}

/** A validated Parallel branch. */
export function branch({ startAt, states }: BranchOptions): AslBranch {
  const result: AslBranch = { StartAt: nameOf(startAt), States: collect(states) };
  assertValid(result);
  return result;
}

/**
 * Assembles and validates a definition; throws an `AslBuildError` naming the state on a duplicate
 * name, a dangling transition, a state without a way on, an unreachable state, or any JSONata.
 */
export function stateMachine({
  comment,
  timeoutSeconds,
  startAt,
  states,
}: StateMachineOptions): AslDefinition {
  if (timeoutSeconds !== undefined && (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1)) {
    throw new AslBuildError(undefined, `TimeoutSeconds must be a positive integer, got ${timeoutSeconds}`);
  }
  const definition: AslDefinition = {
    ...(comment !== undefined && { Comment: comment }),
    StartAt: nameOf(startAt),
    ...(timeoutSeconds !== undefined && { TimeoutSeconds: timeoutSeconds }),
    States: collect(states),
  };
  assertValid(definition);
  return definition;
}
