import type { ExecutionReport, Ledger, Violation } from "@orderflow/local";
import { readableCause } from "./cause";

function stepLine(index: number, step: ExecutionReport["steps"][number]): string[] {
  const name = `${String(index + 1).padStart(3)}. ${step.state}`.padEnd(28);
  const notes: string[] = [];
  if (step.compensates) notes.push(`↩ compensates ${step.compensates}`);
  const retried = new Map<string, number>();
  for (const r of step.retries) retried.set(r.error, (retried.get(r.error) ?? 0) + 1);
  for (const [error, times] of retried)
    notes.push(`↻ retried after ${error}${times > 1 ? ` ×${times}` : ""}`);
  const lines = [`${name}${notes.join("  ")}`.trimEnd()];
  if (step.caught) {
    lines.push(
      `${" ".repeat(8)}✗ ${step.caught.error}: ${readableCause(step.caught.cause)} → ${step.caught.next}`,
    );
  }
  if (step.failed) lines.push(`${" ".repeat(8)}✗ ${step.failed.error}: ${readableCause(step.failed.cause)}`);
  return lines;
}

/** A readable account of one execution: each state, its retries, caught errors, and the end. */
export function traceText(report: ExecutionReport, ledger?: Ledger): string {
  const orderStatus = ledger?.order?.status;
  const header = `${report.status === "SUCCEEDED" ? "✔" : "✘"} ${report.orderId}: ${report.status}${
    orderStatus ? ` (order ${String(orderStatus)})` : ""
  }, ${report.transitions} transitions, ${report.durationMs} ms`;
  const end =
    report.status === "SUCCEEDED"
      ? "      → succeeded"
      : `      → ${report.error ?? "failed"}: ${readableCause(report.cause)}`;
  return [header, ...report.steps.flatMap((step, i) => stepLine(i, step)), end].join("\n");
}

/** The ledger in a few lines: stock of the order's SKUs, payments, shipments and events. */
export function ledgerText(ledger: Ledger): string {
  const stock = Object.entries(ledger.inventory)
    .map(([sku, s]) => `${sku} available ${s.available}, reserved ${s.reserved}`)
    .join("; ");
  const money = (m: unknown) => {
    const { amount, currency } = (m ?? {}) as { amount?: number; currency?: string };
    return typeof amount === "number" ? `${(amount / 100).toFixed(2)} ${currency ?? ""}`.trim() : "?";
  };
  return [
    `      stock:     ${stock || "(no known SKUs)"}`,
    `      payments:  ${ledger.payments.map((p) => `${String(p.status)} ${money(p.amount)}`).join(", ") || "none"}`,
    `      shipments: ${ledger.shipments.map((s) => `${String(s.status)} ${String(s.trackingNumber)}`).join(", ") || "none"}`,
    `      events:    ${ledger.events.map((e) => e.detailType).join(", ") || "none"}`,
  ].join("\n");
}

/** The saga invariants a run broke, one per line, or a line saying all held. */
export function violationsText(violations: readonly Violation[]): string {
  if (violations.length === 0) return "      invariants: all hold (money, goods, records, compensation)";
  return violations.map((v) => `      ✗ ${v.invariant}: ${v.message}`).join("\n");
}
