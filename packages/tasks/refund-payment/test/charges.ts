import { type ChargePaymentInput, newOrderId, PaymentProcessingError } from "@orderflow/domain";
import type { LocalTables } from "@orderflow/dynamodb-local/vitest";
import {
  chargeOnce,
  dynamoPaymentLedger,
  type PaymentDeps,
  SANDBOX_TOKENS,
  sandboxGateway,
} from "@orderflow/payments";
import { sandboxBooks } from "@orderflow/payments/testing";
import { documentClient } from "@orderflow/task-kit";
import { vi } from "vitest";

/** How far a charge got before the compensation runs: the payments row's status it left. */
export type ChargedUpTo = "PENDING" | "AUTHORIZED" | "CAPTURED" | "DECLINED";

export const CHARGED_AT = "2030-01-01T00:00:00.000Z";

/**
 * The charge side on the test file's tables, run by the protocol charge-payment runs (`chargeOnce` of
 * @orderflow/payments), so the refund is tested against the rows and books a real charge leaves.
 */
export function chargeSide(db: LocalTables) {
  const books = sandboxBooks(db);
  const deps = (): PaymentDeps => ({
    gateway: sandboxGateway(books.ledger),
    ledger: dynamoPaymentLedger(documentClient(), db.names.payments),
    now: () => new Date(CHARGED_AT),
  });
  const order = (paymentToken: string = SANDBOX_TOKENS.approved): ChargePaymentInput => ({
    orderId: newOrderId(),
    customerId: "cus_42",
    amount: { amount: 4999, currency: "EUR" },
    paymentToken,
  });

  /** A new order charged until the protocol leaves its row `state`; an outage stops it short of the next step. */
  async function upTo(state: ChargedUpTo): Promise<ChargePaymentInput> {
    const charge = deps();
    if (state === "AUTHORIZED") {
      vi.spyOn(charge.gateway, "capture").mockRejectedValueOnce(new PaymentProcessingError("outage"));
    }
    const tokens = { PENDING: SANDBOX_TOKENS.processingError, DECLINED: SANDBOX_TOKENS.declined };
    const input = order(
      state === "PENDING" || state === "DECLINED" ? tokens[state] : SANDBOX_TOKENS.approved,
    );
    await chargeOnce(input, charge).catch((error: unknown) => {
      if (!(error instanceof PaymentProcessingError)) throw error;
    });
    return input;
  }

  return { books, deps, order, upTo };
}
