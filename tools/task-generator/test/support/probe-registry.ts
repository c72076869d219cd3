/**
 * Run with tsx in a copy of the repository (`tsx probe-registry.ts <root> <StateName>`): what the copy's
 * workflow, infra (a synth under mocks of the dev stack) and local runtime make of the task `state`.
 * Prints one JSON line. Everything is imported from the copy, so it answers for the copy's registry.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [root = "", state = ""] = process.argv.slice(2);
const from = <T>(path: string) => import(pathToFileURL(join(root, path)).href) as Promise<T>;

interface Manifest {
  readonly name: string;
  readonly stateName: string;
}
const workflow = await from<{
  WORKFLOW_TASKS: readonly Manifest[];
  orderWorkflow: (refs: unknown) => { States: Record<string, { Next?: string }> };
  checkWorkflowRules: (definition: unknown) => readonly unknown[];
  sampleRefs: unknown;
}>("packages/workflow/src/index.ts");
const definition = workflow.orderWorkflow(workflow.sampleRefs);
const manifest = workflow.WORKFLOW_TASKS.find((t) => t.stateName === state);

const registry = await from<{ importTaskModule: (m: Manifest) => Promise<Record<string, unknown>> }>(
  "packages/task-registry/src/index.ts",
);
const code = manifest ? await registry.importTaskModule(manifest) : {};

const { readStackFileWithSamples } = await from<{
  readStackFileWithSamples: (d: string, s: string) => unknown;
}>("infra/src/synth/stack-file.ts");
const { synthesize } = await from<{
  synthesize: (
    input: unknown,
  ) => Promise<{ document: { resources: readonly { type: string; name: string }[] } }>;
}>("infra/src/synth/synthesize.ts");
const { document } = await synthesize(readStackFileWithSamples(join(root, "infra"), "dev"));

const before = Object.entries(definition.States).find(([, s]) => s.Next === state)?.[0];
process.stdout.write(
  `${JSON.stringify({
    workflowTasks: workflow.WORKFLOW_TASKS.map((t) => t.stateName),
    stateBefore: before,
    stateNext: definition.States[state]?.Next,
    ruleViolations: workflow.checkWorkflowRules(definition).length,
    localHandler: typeof code.handler,
    functions: document.resources
      .filter((r) => r.type === "aws:lambda/function:Function" && r.name.includes(manifest?.name ?? "?"))
      .map((r) => r.name),
  })}\n`,
);
