import { type Charge, type ChargePaymentInput, PaymentDeclined } from "@orderflow/domain";
import type { ChargeResult, PaymentGateway } from "./gateway";
import type { PaymentLedger } from "./ledger";
import { chargeOf, type PaymentRecord } from "./payment-record";

export interface ChargePaymentDeps {
  readonly gateway: PaymentGateway;
  readonly ledger: PaymentLedger;
  /** The clock that stamps `createdAt`; a parameter so tests can fix it. */
  readonly now: () => Date;
}

/** What a stored record means to the caller: its charge, or the same decline as the first time. */
function outcomeOf(record: PaymentRecord): Charge {
  if (record.status === "DECLINED") throw new PaymentDeclined(record.declineReason);
  return chargeOf(record);
}

function recordOf(input: ChargePaymentInput, result: ChargeResult, createdAt: string): PaymentRecord {
  const { orderId, customerId, amount } = input;
  return result.status === "APPROVED"
    ? { orderId, customerId, amount, createdAt, status: "CAPTURED", chargeId: result.chargeId }
    : { orderId, customerId, amount, createdAt, status: "DECLINED", declineReason: result.reason };
}

/**
 * Charges the order once. The order's record in the ledger is the memory of the first answer: a repeat
 * returns the first charge, or throws the first decline again, without asking the gateway. Two calls that
 * both find no record both ask the gateway with the order id as idempotency key (so the provider charges
 * once), and the conditional first write decides whose record stands; the other caller returns that one.
 *
 * A repeat with a different amount or token still returns the first outcome: one order, one charge.
 *
 * @throws PaymentDeclined when the gateway declines (now or the first time).
 * @throws PaymentProcessingError when the gateway cannot answer right now; nothing is recorded.
 */
export async function chargePayment(input: ChargePaymentInput, deps: ChargePaymentDeps): Promise<Charge> {
  const existing = await deps.ledger.get(input.orderId);
  if (existing) return outcomeOf(existing);

  const result = await deps.gateway.charge({
    idempotencyKey: input.orderId,
    customerId: input.customerId,
    amount: input.amount,
    paymentToken: input.paymentToken,
  });
  const record = recordOf(input, result, deps.now().toISOString());
  if (await deps.ledger.putFirst(record)) return outcomeOf(record);

  const first = await deps.ledger.get(input.orderId);
  if (!first)
    throw new Error(`payments row for order ${input.orderId} exists and vanished; retry the charge`);
  return outcomeOf(first);
}
