import { textTable } from "../../render/table";
import type { CliIo } from "../command";
import type { CheckResult } from "./check-result";

const MARKS = { pass: "ok", fail: "FAIL", skip: "skipped" } as const;

/** The pass/fail table, then for each failure what to do (one line, or one per problem of the config). */
export function writeReport(io: CliIo, stack: string, results: readonly CheckResult[]): void {
  const rows = results.map((r) => [r.check, MARKS[r.status], r.detail]);
  io.stdout.write(`preflight for stack ${stack}\n\n${textTable(["check", "result", "detail"], rows)}\n`);
  const failures = results.filter((r) => r.status === "fail");
  if (failures.length === 0) {
    io.stdout.write("\nready for pulumi up\n");
    return;
  }
  io.stdout.write(`\n${failures.length} check(s) failed; what to do:\n`);
  for (const failure of failures) {
    const [first, ...more] = (failure.fix ?? failure.detail).split("\n");
    io.stdout.write(`  ${failure.check}: ${first}\n${more.map((line) => `    ${line}\n`).join("")}`);
  }
}
