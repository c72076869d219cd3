import type { ChargePaymentInput } from "@orderflow/domain";
import { ChargeVoided } from "./gateway";
import type { PaymentLedger } from "./ledger";
import type { PaymentDeps } from "./payment-deps";
import type { PaymentRecord } from "./payment-record";

type Pending = Extract<PaymentRecord, { status: "PENDING" }>;
type Authorized = Extract<PaymentRecord, { status: "AUTHORIZED" }>;

/** The record as it is now, after a compare-and-set of ours lost to another run. */
async function reread(ledger: PaymentLedger, orderId: string): Promise<PaymentRecord> {
  const record = await ledger.get(orderId);
  if (!record) throw new Error(`payments row for order ${orderId} exists and vanished; retry the charge`);
  return record;
}

/**
 * The first record of the order: ours when this run writes it, else the one already there. Written
 * without reading first: a first charge is the common case, and the refused write answers a repeat.
 */
async function intent(input: ChargePaymentInput, deps: PaymentDeps): Promise<PaymentRecord> {
  const { orderId, customerId, amount } = input;
  const pending: Pending = {
    orderId,
    customerId,
    amount,
    status: "PENDING",
    createdAt: deps.now().toISOString(),
  };
  const first = await deps.ledger.putFirst(pending);
  return first.written ? pending : first.existing;
}

/**
 * Asks the provider to hold the amount for a PENDING record and records the answer. A hold whose record
 * was fenced meanwhile (the compensation voided the order) is released at once.
 */
async function authorize(record: Pending, token: string, deps: PaymentDeps): Promise<PaymentRecord> {
  const { orderId, customerId, amount } = record;
  const answer = await deps.gateway.authorize({
    chargeKey: orderId,
    customerId,
    amount,
    paymentToken: token,
  });
  if (answer.status === "DECLINED") {
    await deps.ledger.move(orderId, ["PENDING"], "DECLINED", { declineReason: answer.reason });
    return reread(deps.ledger, orderId);
  }
  if (await deps.ledger.move(orderId, ["PENDING"], "AUTHORIZED", { chargeId: answer.chargeId })) {
    return { ...record, status: "AUTHORIZED", chargeId: answer.chargeId };
  }
  const now = await reread(deps.ledger, orderId);
  if (now.status === "VOIDED") await deps.gateway.void({ chargeKey: orderId, chargeId: answer.chargeId });
  return now;
}

/** Takes the held amount and records it; a capture the fence beat to it is no charge of this order. */
async function capture(record: Authorized, deps: PaymentDeps): Promise<PaymentRecord> {
  const { orderId, chargeId } = record;
  try {
    await deps.gateway.capture({ chargeKey: orderId, chargeId });
  } catch (error) {
    if (error instanceof ChargeVoided) return reread(deps.ledger, orderId);
    throw error;
  }
  if (await deps.ledger.move(orderId, ["AUTHORIZED"], "CAPTURED")) return { ...record, status: "CAPTURED" };
  return reread(deps.ledger, orderId);
}

/**
 * The charge protocol, run once for an order, in steps that each leave a record: the intent (PENDING,
 * written before the provider is asked, so the compensation always knows a charge may exist), the
 * provider's hold (AUTHORIZED), then the capture (CAPTURED). The provider is asked with the order id as
 * charge key, so a repeat (a retry, a lost answer, two concurrent runs) makes one charge and learns its
 * state from the provider; each record change is a compare-and-set, so racing runs cannot both take a
 * step. A record already past a step is taken as it is: a repeat with another amount or token gets the
 * first charge.
 *
 * The compensation fences the order off by setting the record VOIDED (see refund-payment): a run that
 * finds the record so stops, releasing any hold it just made, so a charge whose run is late can never be
 * captured after its order was compensated.
 *
 * charge-payment runs this; it lives here so that tests of the compensation can run the very same
 * protocol against it.
 *
 * @returns the record as this run leaves it: CAPTURED, DECLINED, or one the compensation got to first
 *   (VOIDED, REFUNDED).
 * @throws PaymentProcessingError when the provider cannot answer right now; the record stays where it
 *   was, so a retry goes on from there.
 */
export async function chargeOnce(input: ChargePaymentInput, deps: PaymentDeps): Promise<PaymentRecord> {
  let record = await intent(input, deps);
  if (record.status === "PENDING") record = await authorize(record, input.paymentToken, deps);
  if (record.status === "AUTHORIZED") record = await capture(record, deps);
  return record;
}
