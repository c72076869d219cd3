import { type Charge, type ChargePaymentInput, PaymentDeclined } from "@orderflow/domain";
import {
  type ChargeLedger,
  type ChargeResult,
  chargeOf,
  type PaymentGateway,
  type PaymentRecord,
} from "@orderflow/payments";

export interface ChargePaymentDeps {
  readonly gateway: PaymentGateway;
  readonly ledger: ChargeLedger;
  /** The clock that stamps `createdAt`; a parameter so tests can fix it. */
  readonly now: () => Date;
}

type Pending = Extract<PaymentRecord, { status: "PENDING" }>;

/** What a completed record means to the caller: its charge, or the same decline as the first time. */
function outcomeOf(record: Exclude<PaymentRecord, Pending>): Charge {
  if (record.status === "DECLINED") throw new PaymentDeclined(record.declineReason);
  if (record.status === "REFUNDED") {
    // Not a business error: the workflow must neither carry on (a refunded order must never ship) nor
    // treat it as a decline; a person decides what this order needs.
    throw new Error(
      `the charge of order ${record.orderId} was refunded at ${record.refundedAt}; a refunded order cannot ` +
        "continue, so place a new order",
    );
  }
  return chargeOf(record);
}

function completedOf(pending: Pending, result: ChargeResult): Exclude<PaymentRecord, Pending> {
  return result.status === "APPROVED"
    ? { ...pending, status: "CAPTURED", chargeId: result.chargeId }
    : { ...pending, status: "DECLINED", declineReason: result.reason };
}

/** The order's record, read after a conditional write lost to another run. */
async function reread(ledger: ChargeLedger, orderId: string): Promise<PaymentRecord> {
  const record = await ledger.get(orderId);
  if (!record) throw new Error(`payments row for order ${orderId} exists and vanished; retry the charge`);
  return record;
}

/**
 * Charges the order once. The intent is recorded first: a PENDING row with the amount, so a charge the
 * gateway may have captured is never unknown to RefundPayment (if this run dies, or the provider fails
 * after capturing). Then the gateway is asked, with the order id as idempotency key (so the provider
 * charges once however often it is asked), and the row is completed CAPTURED or DECLINED. A repeat that
 * finds PENDING asks the gateway again for the recorded amount and completes the row; one that finds it
 * completed returns the first charge, or throws the first decline again, without asking the gateway.
 *
 * A repeat with a different amount or token still charges the first amount: one order, one charge.
 *
 * @throws PaymentDeclined when the gateway declines (now or the first time).
 * @throws PaymentProcessingError when the gateway cannot answer right now; the row stays PENDING.
 * @throws Error when the order's charge was refunded: such an order must not go on.
 */
export async function chargePayment(input: ChargePaymentInput, deps: ChargePaymentDeps): Promise<Charge> {
  const { orderId, customerId, amount } = input;
  let record = await deps.ledger.get(orderId);
  if (!record) {
    const intent: Pending = {
      orderId,
      customerId,
      amount,
      status: "PENDING",
      createdAt: deps.now().toISOString(),
    };
    record = (await deps.ledger.putFirst(intent)) ? intent : await reread(deps.ledger, orderId);
  }
  if (record.status !== "PENDING") return outcomeOf(record);

  const result = await deps.gateway.charge({
    idempotencyKey: orderId,
    customerId: record.customerId,
    amount: record.amount,
    paymentToken: input.paymentToken,
  });
  const completed = completedOf(record, result);
  if (await deps.ledger.complete(completed)) return outcomeOf(completed);

  const first = await reread(deps.ledger, orderId);
  if (first.status === "PENDING") throw new Error(`payments row for order ${orderId} stayed PENDING; retry`);
  return outcomeOf(first);
}
