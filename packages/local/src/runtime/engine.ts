import { type AslDefinition, structureProblems } from "@orderflow/workflow/asl";
import { StateMachine, type StateMachineDefinition } from "aws-local-stepfunctions";

/**
 * True when every state that continues has exactly one of `Next` and `End` (and the machine is otherwise
 * well formed): the one difference between the builder's ASL types, where both are optional while a chain
 * is assembled, and the engine's, which require one of them.
 */
function isRunnable(definition: AslDefinition): definition is AslDefinition & StateMachineDefinition {
  return structureProblems(definition).length === 0;
}

/** The definition on aws-local-stepfunctions, which validates it once, here, before anything runs. */
export function localEngine(definition: AslDefinition): StateMachine {
  if (!isRunnable(definition)) {
    const problems = structureProblems(definition).map((p) => `${p.state ?? "definition"}: ${p.message}`);
    throw new Error(`the definition cannot run locally: ${problems.join("; ")}`);
  }
  return new StateMachine(definition);
}
