/**
 * `orderflow` CLI. For now `demo` checks the sample orders against the domain contract; the embedded
 * workflow runtime replaces it (issue #4).
 */
import { describeIssues, Order } from "@orderflow/domain";
import * as v from "valibot";
import { sampleOrders } from "./samples";

function demo(): void {
  for (const [label, order] of Object.entries(sampleOrders)) {
    const result = v.safeParse(Order, order);
    const verdict = result.success
      ? "valid"
      : `rejected: ${describeIssues(result.issues)
          .map((i) => `${i.path} ${i.message}`)
          .join("; ")}`;
    console.log(`${label.padEnd(16)} ${verdict}`);
  }
}

const [command] = process.argv.slice(2);
if (command === "demo") demo();
else {
  console.error(`orderflow: unknown command ${command ?? "(none)"}; try: orderflow demo`);
  process.exitCode = 2;
}
