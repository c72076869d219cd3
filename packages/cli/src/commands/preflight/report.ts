import { textTable } from "../../render/table";
import type { CliIo } from "../command";
import type { CheckResult } from "./check-result";

const MARKS = { pass: "ok", fail: "FAIL", skip: "skipped" } as const;

/** The pass/fail table, then one line per failure saying what to do. */
export function writeReport(io: CliIo, stack: string, results: readonly CheckResult[]): void {
  const rows = results.map((r) => [r.check, MARKS[r.status], r.detail]);
  io.stdout.write(`preflight for stack ${stack}\n\n${textTable(["check", "result", "detail"], rows)}\n`);
  const failures = results.filter((r) => r.status === "fail");
  if (failures.length === 0) {
    io.stdout.write("\nready for pulumi up\n");
    return;
  }
  io.stdout.write(`\n${failures.length} check(s) failed; what to do:\n`);
  for (const failure of failures) io.stdout.write(`  ${failure.check}: ${failure.fix ?? failure.detail}\n`);
}
