import { vi } from "vitest";
import type { ReservationLedger, StepResult } from "../src/ledger";
import type { ReservationRecord } from "../src/reservation-record";

/** What a {@link scriptedLedger} answers. */
export interface LedgerScript {
  /**
   * The answers to the steps, in turn; once they run out every step is `applied`.
   * @default []
   */
  readonly results?: readonly StepResult[];
  /**
   * The record `get` reads.
   * @default undefined (no reservation)
   */
  readonly stored?: ReservationRecord | undefined;
}

/**
 * A ledger that answers the steps as scripted and reads the scripted record: enough to steer the cores
 * through each branch without imitating DynamoDB.
 */
export function scriptedLedger({ results = [], stored }: LedgerScript = {}) {
  let next = 0;
  const apply = vi.fn<ReservationLedger["apply"]>(async () => results[next++] ?? { outcome: "applied" });
  const get = vi.fn<ReservationLedger["get"]>(async () => stored);
  return { apply, get } satisfies ReservationLedger;
}
