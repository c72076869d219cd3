/**
 * What `pnpm synth` writes to `infra/.synth/<stack>.json`, read as loosely as the diff allows: the resource
 * list is required, everything else is optional so a synth from an older commit still compares.
 */
import { type AslDefinition, readAslDefinition } from "@orderflow/workflow/asl";
import * as v from "valibot";

const JsonObject = v.record(v.string(), v.unknown());

export const SynthResource = v.looseObject({
  type: v.string(),
  name: v.string(),
  parent: v.nullish(v.string()),
  inputs: v.optional(JsonObject, {}),
});
export type SynthResource = v.InferOutput<typeof SynthResource>;

export const SynthFile = v.looseObject({
  stack: v.optional(v.string()),
  resources: v.array(SynthResource),
  /** The deployed definition of the one state machine (infra's synth), parsed or as the JSON string. */
  stateMachineDefinition: v.optional(v.unknown()),
  /** The same under a shorter name, as older or hand-written synth files have it. */
  asl: v.optional(v.unknown()),
  /** Rendered definitions by state-machine name, when a synth holds more than one. */
  stateMachines: v.optional(v.record(v.string(), v.unknown())),
  outputs: v.optional(JsonObject),
});
export type SynthFile = v.InferOutput<typeof SynthFile>;

export const STATE_MACHINE_TYPE = "aws:sfn/stateMachine:StateMachine";

/** Parses one synth file's JSON text; the error names the file and the first problem. */
export function parseSynthFile(text: string, source: string): SynthFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not JSON: ${(error as Error).message}`);
  }
  const result = v.safeParse(SynthFile, json);
  if (result.success) return result.output;
  const [issue] = result.issues;
  const path = issue?.path?.map((segment) => String(segment.key)).join(".") || "(root)";
  throw new Error(`${source} is not a synth file: ${path} ${issue?.message ?? "is invalid"}`);
}

/** A definition, parsed or as its JSON string; undefined when the value is none. */
function asAsl(value: unknown): AslDefinition | undefined {
  if (value === undefined) return undefined;
  const read = readAslDefinition(value);
  return "definition" in read ? read.definition : undefined;
}

/**
 * Every state machine in a synth, by name. Prefers the rendered ASL the synth states explicitly; falls back
 * to the `definition` input of state-machine resources, which is where Pulumi itself carries it.
 */
export function stateMachinesOf(synth: SynthFile): Map<string, AslDefinition> {
  const found = new Map<string, AslDefinition>();
  for (const [name, definition] of Object.entries(synth.stateMachines ?? {})) {
    const asl = asAsl(definition);
    if (asl) found.set(name, asl);
  }
  if (found.size > 0) return found;

  const machines = synth.resources.filter((resource) => resource.type === STATE_MACHINE_TYPE);
  const single = asAsl(synth.stateMachineDefinition) ?? asAsl(synth.asl);
  if (single) {
    found.set(machines.length === 1 ? (machines[0] as SynthResource).name : "workflow", single);
    return found;
  }
  for (const machine of machines) {
    const asl = asAsl(machine.inputs.definition);
    if (asl) found.set(machine.name, asl);
  }
  return found;
}
