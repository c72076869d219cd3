import { InventoryContention, type Shortage } from "@orderflow/domain";
import type { LedgerStep, StepApplier } from "./ledger";
import type { ReservationRecord } from "./reservation-record";

export interface ContentionPolicy {
  /**
   * Conflicting attempts tolerated before giving up with InventoryContention.
   * @default 4
   */
  readonly attempts?: number;
  /**
   * Scale of the waits: after conflict n the wait is a random time up to `baseDelayMs * 2^n`.
   * @default 25
   */
  readonly baseDelayMs?: number;
  /**
   * How to wait.
   * @default setTimeout-based sleep
   */
  readonly pause?: (ms: number) => Promise<void>;
}

export interface ApplyStepsDeps<S extends LedgerStep = LedgerStep> {
  readonly ledger: StepApplier<S>;
  /**
   * How conflicting concurrent transactions are retried.
   * @default the defaults of ContentionPolicy
   */
  readonly contention?: ContentionPolicy | undefined;
}

export interface AppliedSteps {
  /** The record as the last step left it or found it; undefined when the order has none. */
  readonly record: ReservationRecord | undefined;
  /** Whether any step of this run was applied. */
  readonly applied: boolean;
  /** Set when a step found too little stock; the run stopped there. */
  readonly shortages?: readonly Shortage[];
}

/** Enough for two steps, a few changed records and every tolerated conflict. */
const MAX_ROUNDS = 20;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Applies the steps `plan` makes from the record until it plans none. A step that finds the record
 * changed (a retry, a crashed run, a concurrent invocation) is re-planned from the record as it is now;
 * a conflicting transaction is tried again after a short, fully jittered wait, so colliding orders spread
 * out. Stops at the first shortage.
 *
 * @throws InventoryContention when conflicts or changes do not stop; the workflow retries the task.
 */
export async function applySteps<S extends LedgerStep>(
  orderId: string,
  start: ReservationRecord | undefined,
  plan: (record: ReservationRecord | undefined) => S | undefined,
  { ledger, contention: { attempts = 4, baseDelayMs = 25, pause = sleep } = {} }: ApplyStepsDeps<S>,
): Promise<AppliedSteps> {
  let record = start;
  let applied = false;
  let conflicts = 0;
  for (let round = 0; round < MAX_ROUNDS && conflicts < attempts; round++) {
    const step = plan(record);
    if (!step) return { record, applied };
    const result = await ledger.apply(step);
    if (result.outcome === "applied") [record, applied] = [step.to, true];
    else if (result.outcome === "stale") record = result.current;
    else if (result.outcome === "short") return { record, applied, shortages: result.shortages };
    else if (++conflicts < attempts) await pause(Math.random() * baseDelayMs * 2 ** conflicts);
  }
  throw new InventoryContention(
    `order ${orderId}: stock kept changing under concurrent orders; retrying is safe`,
  );
}
