import { DEMO_SCENARIOS } from "../demo-scenarios";
import { readableCause } from "../render/cause";
import { textTable } from "../render/table";
import { ledgerText, traceText, violationsText } from "../render/trace-text";
import type { Command } from "./command";
import { parseOptions } from "./parse-options";

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `orderflow demo`: one sample order per path, each traced, then a summary table. */
export const demoCommand: Command = {
  name: "demo",
  summary: "run sample orders down every path of the workflow (success, rejections, retries, compensations)",
  usage: "orderflow demo",
  async run(args, { io, startRuntime }) {
    parseOptions(args, {}, this.usage);
    const progress = (text: string) => io.stderr.write(`${text}\n`);
    progress("starting DynamoDB Local and the workflow…");
    const began = performance.now();
    const runtime = await startRuntime({});
    progress(`ready in ${Math.round(performance.now() - began)} ms; placing ${DEMO_SCENARIOS.length} orders`);
    const rows: string[][] = [];
    try {
      for (const [index, scenario] of DEMO_SCENARIOS.entries()) {
        progress(`[${index + 1}/${DEMO_SCENARIOS.length}] ${scenario.label}`);
        const report = await runtime.start(scenario.order, { faults: scenario.faults ?? {} });
        const ledger = await runtime.ledger(report.orderId);
        const violations = await runtime.violations(report);
        io.stdout.write(`\n${scenario.label}: ${scenario.description}\n`);
        if (scenario.faults) io.stdout.write(`      faults: ${JSON.stringify(scenario.faults)}\n`);
        io.stdout.write(
          `${traceText(report, ledger)}\n${ledgerText(ledger)}\n${violationsText(violations)}\n`,
        );
        rows.push([
          scenario.label,
          report.status,
          String(ledger.order?.status ?? "?"),
          report.error ? truncate(`${report.error}: ${readableCause(report.cause)}`, 60) : "",
          String(report.transitions),
          String(report.retries),
          report.compensations.join(" → ") || "-",
          String(violations.length),
          report.durationMs.toFixed(1),
        ]);
      }
    } finally {
      await runtime.stop();
    }
    io.stdout.write(
      `\n${textTable(
        [
          "scenario",
          "execution",
          "order",
          "error",
          "transitions",
          "retries",
          "compensations",
          "violations",
          "ms",
        ],
        rows,
      )}\n`,
    );
    return 0;
  },
};
