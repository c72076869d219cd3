import { describeIssues, formatIssues } from "@orderflow/domain";
import type { ExecutionReport, Ledger, Violation } from "@orderflow/local";
import {
  InvalidExecutionInput,
  InvalidFaultPlan,
  localDefinition,
  parseFaultPlan,
  Stock,
  withOrderId,
} from "@orderflow/local";
import * as v from "valibot";
import { ledgerText, traceText, violationsText } from "../render/trace-text";
import { CliError, type Command } from "./command";
import { parseOptions } from "./parse-options";
import { readJsonFile } from "./read-json-file";

const USAGE = "orderflow run --input <order.json> [--inventory <stock.json>] [--faults <plan.json>] [--json]";

/** The `--json` document of `orderflow run`; its shape is a contract scripts rely on. */
export interface RunDocument {
  readonly status: "SUCCEEDED" | "FAILED";
  readonly error: string | null;
  readonly cause: string | null;
  readonly output: unknown;
  readonly transitions: number;
  readonly durationMs: number;
  readonly states: readonly string[];
  readonly ledger: Ledger;
  /** The saga invariants the run broke; empty when all hold. */
  readonly violations: readonly Violation[];
}

export function runDocument(
  report: ExecutionReport,
  ledger: Ledger,
  violations: readonly Violation[],
): RunDocument {
  return {
    status: report.status === "SUCCEEDED" ? "SUCCEEDED" : "FAILED",
    error: report.error,
    cause: report.cause,
    output: report.output,
    transitions: report.transitions,
    durationMs: report.durationMs,
    states: report.states,
    ledger,
    violations,
  };
}

async function readStock(path: string): Promise<Stock> {
  const result = v.safeParse(Stock, await readJsonFile("--inventory", path));
  if (result.success) return result.output;
  throw new CliError(`--inventory ${path}: ${formatIssues(describeIssues(result.issues))}`);
}

async function readFaults(path: string, states: readonly string[]) {
  try {
    return parseFaultPlan(await readJsonFile("--faults", path), states);
  } catch (error) {
    if (error instanceof InvalidFaultPlan) throw new CliError(`--faults ${path}: ${error.message}`);
    throw error;
  }
}

/** `orderflow run`: one order through the local workflow, with optional stock and faults. */
export const runCommand: Command = {
  name: "run",
  summary: "run one order through the local workflow and print its trace and ledger",
  usage: USAGE,
  async run(args, { io, startRuntime }) {
    const options = parseOptions(
      args,
      {
        input: { type: "string" },
        inventory: { type: "string" },
        faults: { type: "string" },
        json: { type: "boolean", default: false },
      },
      USAGE,
    );
    if (!options.input) throw new CliError(`--input <order.json> is required; usage: ${USAGE}`);
    // Every input is checked before DynamoDB Local starts, so a typo costs no start-up time.
    let order: ReturnType<typeof withOrderId>;
    try {
      order = withOrderId(await readJsonFile("--input", options.input));
    } catch (error) {
      if (error instanceof InvalidExecutionInput)
        throw new CliError(`--input ${options.input}: ${error.message}`);
      throw error;
    }
    const stock = options.inventory ? await readStock(options.inventory) : undefined;
    const states = localDefinition().taskStates.map((s) => s.name);
    const faults = options.faults ? await readFaults(options.faults, states) : {};

    const runtime = await startRuntime(stock ? { stock } : {});
    try {
      const report = await runtime.start(order, { faults });
      const ledger = await runtime.ledger(report.orderId);
      const violations = await runtime.violations(report);
      if (options.json)
        io.stdout.write(`${JSON.stringify(runDocument(report, ledger, violations), null, 2)}\n`);
      else
        io.stdout.write(
          `${traceText(report, ledger)}\n${ledgerText(ledger)}\n${violationsText(violations)}\n`,
        );
    } finally {
      await runtime.stop();
    }
    return 0;
  },
};
