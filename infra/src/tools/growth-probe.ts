/**
 * One measurement of the growth bench (growth-bench.ts), run in a fresh process in the repository copy
 * whose workflow it measures: per stack, the program under mocks, the synth (program and the synth
 * file's text) and the policy pack over its resources, in seconds. Prints one JSON line; exits 1 when the
 * workflow breaks a workflow rule or a stack a mandatory policy, so a broken input fails the bench.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkWorkflowRules, orderWorkflow, sampleRefs, WORKFLOW_TASKS } from "@orderflow/workflow";
import { readPackConfig, runPolicies } from "../policy/offline";
import { policies } from "../policy/policies";
import { readStackFileWithSamples, STACKS } from "../synth/stack-file";
import { renderSynth, synthesize } from "../synth/synthesize";

const WARM_RUNS = 3;
const infraDir = fileURLToPath(new URL("../..", import.meta.url));

const seconds = (start: number) => (performance.now() - start) / 1000;
/** CPU seconds (user + system) since `start`: what the work costs, whatever else the machine runs. */
const cpuSeconds = (start: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function measure(stack: string) {
  const input = readStackFileWithSamples(infraDir, stack);
  const evals: number[] = [];
  const synths: number[] = [];
  const checks: number[] = [];
  const evalCpu: number[] = [];
  let resources = 0;
  let mandatory: string[] = [];
  for (let run = 0; run <= WARM_RUNS; run++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const { document } = await synthesize(input);
    const evaluated = seconds(start);
    const evaluatedCpu = cpuSeconds(cpuStart);
    renderSynth(document);
    const synthesized = seconds(start);
    const checkStart = performance.now();
    const violations = await runPolicies(
      document.resources,
      policies,
      readPackConfig(join(infraDir, "policy-pack"), stack),
      stack,
    );
    // The first run also loads the program's modules: reported apart, as cold.
    if (run > 0) {
      evals.push(evaluated);
      evalCpu.push(evaluatedCpu);
      synths.push(synthesized);
      checks.push(seconds(checkStart));
    }
    resources = document.resources.length;
    mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.message);
  }
  return {
    resources,
    programEvalS: median(evals),
    programEvalCpuS: median(evalCpu),
    synthS: median(synths),
    policyPackS: median(checks),
    mandatoryViolations: mandatory,
  };
}

const ruleViolations = checkWorkflowRules(orderWorkflow(sampleRefs));
const stacks: Record<string, Awaited<ReturnType<typeof measure>>> = {};
for (const stack of STACKS) stacks[stack] = await measure(stack);
process.stdout.write(
  `${JSON.stringify({ tasks: WORKFLOW_TASKS.length, ruleViolations: ruleViolations.length, stacks })}\n`,
);
const broken =
  ruleViolations.length > 0 || Object.values(stacks).some((s) => s.mandatoryViolations.length > 0);
process.exitCode = broken ? 1 : 0;
