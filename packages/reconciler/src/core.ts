import type { ExecutionState, Executions, PendingOrder, ReconcilerOrders, Settlement } from "./ports";

export interface ReconcileDeps {
  readonly orders: ReconcilerOrders;
  readonly executions: Executions;
  readonly now: () => Date;
}

export interface ReconcileOptions {
  /** Orders PENDING for less than this are left alone: their execution may just be starting. */
  readonly olderThanMinutes: number;
  /**
   * How many orders one run looks at; the next run continues.
   * @default 100
   */
  readonly limit?: number;
}

/** What became of one order the run looked at. */
export type Reconciled =
  | "replayed"
  | "settled"
  | "running"
  /** Recorded by someone else between the list and the write. */
  | "already-recorded";

export interface ReconcileReport {
  readonly looked: number;
  readonly outcomes: Readonly<Record<string, Reconciled>>;
}

/** What to record for an order whose execution ended without a status write to replay. */
function settlementOf(execution: Exclude<ExecutionState, { status: "RUNNING" }>): Settlement {
  if (execution.status === "NONE") {
    return {
      status: "FAILED",
      error: "NotStarted",
      cause:
        "the order was saved but its workflow never started, so nothing was reserved or charged; place it again",
    };
  }
  return {
    status: "NEEDS_ATTENTION",
    error: execution.error ?? `Execution${execution.status}`,
    cause: `the execution ended ${execution.status} without recording the order's outcome: ${execution.cause ?? "no cause"}`,
  };
}

async function reconcileOne(order: PendingOrder, deps: ReconcileDeps): Promise<Reconciled> {
  const execution = await deps.executions.of(order.orderId);
  if (execution.status === "RUNNING") return "running";
  const request = execution.status === "NONE" ? undefined : execution.lastStatusWrite;
  const written = request
    ? await deps.orders.replay(request)
    : await deps.orders.settle(order.orderId, settlementOf(execution), deps.now().toISOString());
  if (!written) return "already-recorded";
  return request ? "replayed" : "settled";
}

/**
 * Heals orders that stay PENDING although their execution ended: the execution decided the outcome but
 * its status write did not get through (`RecordingFailed`), so the reconciler makes that very write again
 * — the status and the attributes of its event, which the orders table's outbox then publishes — exactly
 * as the workflow meant it. An execution that ended without attempting a write, or an order whose
 * execution never started, is settled: NEEDS_ATTENTION with the execution's error, or FAILED (never
 * started, so nothing was held or charged). Running executions and young orders are left alone.
 */
export async function reconcile(options: ReconcileOptions, deps: ReconcileDeps): Promise<ReconcileReport> {
  const before = new Date(deps.now().getTime() - options.olderThanMinutes * 60_000).toISOString();
  const pending = await deps.orders.pendingBefore(before, options.limit ?? 100);
  const outcomes: Record<string, Reconciled> = {};
  for (const order of pending) outcomes[order.orderId] = await reconcileOne(order, deps);
  return { looked: pending.length, outcomes };
}
