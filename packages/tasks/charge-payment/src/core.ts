import { type Charge, type ChargePaymentInput, PaymentDeclined } from "@orderflow/domain";
import {
  type CapturedPayment,
  ChargeVoided,
  chargeOf,
  type PaymentGateway,
  type PaymentLedger,
  type PaymentRecord,
} from "@orderflow/payments";

export interface ChargePaymentDeps {
  readonly gateway: PaymentGateway;
  readonly ledger: PaymentLedger;
  /** The clock that stamps `createdAt`; a parameter so tests can fix it. */
  readonly now: () => Date;
}

/** The order was compensated (its charge voided or refunded) before this run got to it. */
function stopped(record: PaymentRecord): Error {
  // Not a business error: this run is one the workflow has given up on, or a person restarted an order
  // whose money went back; either way it must not take money again, and nobody waits for its answer.
  return new Error(
    `the charge of order ${record.orderId} is ${record.status}: the order was compensated, so nothing is charged; place a new order`,
  );
}

/** The record as it is now, after a compare-and-set of ours lost to another run. */
async function reread(ledger: PaymentLedger, orderId: string): Promise<PaymentRecord> {
  const record = await ledger.get(orderId);
  if (!record) throw new Error(`payments row for order ${orderId} exists and vanished; retry the charge`);
  return record;
}

/** The first record of the order: ours when this run writes it, else the one already there. */
async function intent(input: ChargePaymentInput, deps: ChargePaymentDeps): Promise<PaymentRecord> {
  const { orderId, customerId, amount } = input;
  const existing = await deps.ledger.get(orderId);
  if (existing) return existing;
  const pending: PaymentRecord = { orderId, customerId, amount, status: "PENDING", createdAt: deps.now().toISOString() };
  return (await deps.ledger.putFirst(pending)) ? pending : reread(deps.ledger, orderId);
}

/**
 * Asks the provider to hold the amount for a PENDING record and records the answer. A hold whose record
 * was fenced meanwhile (the compensation voided the order) is released at once.
 */
async function authorize(record: PaymentRecord & { status: "PENDING" }, token: string, deps: ChargePaymentDeps) {
  const { orderId, customerId, amount } = record;
  const answer = await deps.gateway.authorize({ chargeKey: orderId, customerId, amount, paymentToken: token });
  if (answer.status === "DECLINED") {
    await deps.ledger.move(orderId, ["PENDING"], "DECLINED", { declineReason: answer.reason });
    return reread(deps.ledger, orderId);
  }
  if (await deps.ledger.move(orderId, ["PENDING"], "AUTHORIZED", { chargeId: answer.chargeId })) {
    return { ...record, status: "AUTHORIZED" as const, chargeId: answer.chargeId };
  }
  const now = await reread(deps.ledger, orderId);
  if (now.status === "VOIDED") await deps.gateway.void({ chargeKey: orderId, chargeId: answer.chargeId });
  return now;
}

/** Takes the held amount and records it; a capture the fence beat to it is no charge of this order. */
async function capture(record: PaymentRecord & { status: "AUTHORIZED" }, deps: ChargePaymentDeps) {
  const { orderId, chargeId } = record;
  try {
    await deps.gateway.capture({ chargeKey: orderId, chargeId });
  } catch (error) {
    if (error instanceof ChargeVoided) return reread(deps.ledger, orderId);
    throw error;
  }
  if (await deps.ledger.move(orderId, ["AUTHORIZED"], "CAPTURED")) return { ...record, status: "CAPTURED" as const };
  return reread(deps.ledger, orderId);
}

/**
 * Charges the order once, in steps that each leave a record: the intent (PENDING, written before the
 * provider is asked, so the compensation always knows a charge may exist), the provider's hold
 * (AUTHORIZED), then the capture (CAPTURED). The provider is asked with the order id as charge key, so a
 * repeat (a retry, a lost answer, two concurrent runs) makes one charge and learns its state from the
 * provider; each record change is a compare-and-set, so racing runs cannot both take a step. A repeat that
 * finds the charge captured returns it; one that finds it declined throws the same decline.
 *
 * The compensation fences the order off by setting the record VOIDED (see refund-payment): a run that
 * finds the record so stops, releasing any hold it just made, so a charge whose run is late can never be
 * captured after its order was compensated.
 *
 * A repeat with a different amount or token still charges the first amount: one order, one charge.
 *
 * @throws PaymentDeclined when the provider declines (now or the first time).
 * @throws PaymentProcessingError when the provider cannot answer right now; the workflow retries.
 * @throws Error when the order was compensated (voided or refunded): such an order must not go on.
 */
export async function chargePayment(input: ChargePaymentInput, deps: ChargePaymentDeps): Promise<Charge> {
  let record = await intent(input, deps);
  if (record.status === "PENDING") record = await authorize(record, input.paymentToken, deps);
  if (record.status === "AUTHORIZED") record = await capture(record, deps);
  switch (record.status) {
    case "CAPTURED":
      return chargeOf(record as CapturedPayment);
    case "DECLINED":
      throw new PaymentDeclined(record.declineReason);
    default:
      throw stopped(record);
  }
}
