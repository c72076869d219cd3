import * as pulumi from "@pulumi/pulumi";
import type { StackOutputs } from "../program";
import {
  type CapturedResource,
  installMocks,
  type MockCloud,
  type MockTarget,
  type RecordingMocks,
} from "./mocks";
import { normalize, SECRET_MARKER } from "./normalize";
import type { StackConfigInput } from "./stack-file";

/** The account the offline synth pretends to deploy into. */
export const SYNTH_TARGET_ACCOUNT = "123456789012";

export const STATE_MACHINE_TYPE = "aws:sfn/stateMachine:StateMachine";

/** One resource in the synth file. */
export interface SynthResource {
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly inputs: Record<string, unknown>;
}

/** What `pnpm synth` writes for a stack: a review aid whose diff between commits is meaningful. */
export interface SynthDocument {
  readonly project: string;
  readonly stack: string;
  readonly resources: readonly SynthResource[];
  /** The state machine definition as deployed, parsed. */
  readonly stateMachineDefinition: unknown;
  readonly outputs: Readonly<Record<string, unknown>>;
}

export interface SynthRun {
  readonly document: SynthDocument;
  /** Raw captures (secrets still wrapped), for tests that need more than the document shows. */
  readonly captured: readonly CapturedResource[];
  readonly mocks: RecordingMocks;
}

/** The program factory, or the bundled entry's default export (which returns the outputs asynchronously). */
export type Program = () => StackOutputs | Promise<StackOutputs>;

/**
 * Runs the program under mocks with one stack's configuration and returns every resource it declared.
 * Mocks and config are installed before the program runs (and before its module is first loaded), as Pulumi
 * requires, so synths one after another in one process each see only their own stack. `cloud` says
 * what a previous deploy left in the account (the offline synth is always a first deploy).
 */
export async function synthesize(
  input: StackConfigInput,
  loadProgram?: () => Promise<Program>,
  cloud?: MockCloud,
): Promise<SynthRun> {
  const region = input.config["aws:region"] ?? "";
  const target: MockTarget = { accountId: SYNTH_TARGET_ACCOUNT, region, ...(cloud && { cloud }) };
  const mocks = await installMocks(target, input.project, input.stack);
  pulumi.runtime.setAllConfig({ ...input.config }, [...input.secretKeys]);

  const program = await (loadProgram ?? defaultProgram)();
  const outputs = await program();
  const resolved = await resolveOutputs(outputs);
  // Resources nothing exported depends on (alarms, permissions) may still be registering.
  await pulumi.runtime.disconnect();

  const context = { secretValues: input.secretKeys.map((key) => input.config[key] ?? "") };
  const resources: SynthResource[] = [];
  for (const resource of sortResources(mocks.resources)) {
    resources.push({
      type: resource.type,
      name: resource.name,
      parent: resource.parent,
      inputs: (await normalize(resource.inputs, context)) as Record<string, unknown>,
    });
  }
  const document: SynthDocument = {
    project: input.project,
    stack: input.stack,
    resources,
    stateMachineDefinition: stateMachineDefinition(resources),
    outputs: (await normalize(resolved, context)) as Record<string, unknown>,
  };
  return { document, captured: mocks.resources, mocks };
}

/** The synth file's text: canonical JSON with a trailing newline. */
export function renderSynth(document: SynthDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function defaultProgram(): Promise<Program> {
  const { orderflowProgram } = await import("../program");
  return orderflowProgram;
}

/** Each output's value, or the secret marker when Pulumi marks it secret. */
async function resolveOutputs(outputs: StackOutputs): Promise<Record<string, unknown>> {
  const resolved: Record<string, unknown> = {};
  for (const [key, output] of Object.entries(outputs) as [string, pulumi.Output<unknown>][]) {
    const value = await new Promise<unknown>((resolve) => output.apply(resolve));
    resolved[key] = (await pulumi.isSecret(output)) ? SECRET_MARKER : value;
  }
  return resolved;
}

function sortResources(resources: readonly CapturedResource[]): CapturedResource[] {
  const key = (r: CapturedResource) => `${r.type}\u0000${r.name}`;
  return [...resources].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function stateMachineDefinition(resources: readonly SynthResource[]): unknown {
  const machine = resources.find((r) => r.type === STATE_MACHINE_TYPE);
  const definition = machine?.inputs.definition;
  return typeof definition === "string" ? JSON.parse(definition) : null;
}
