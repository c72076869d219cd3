import { type Charge, type ChargePaymentInput, PaymentDeclined } from "@orderflow/domain";
import { chargeOf, chargeOnce, type PaymentDeps, type PaymentRecord } from "@orderflow/payments";

export type ChargePaymentDeps = PaymentDeps;

/** The order was compensated (its charge voided or refunded) before this run got to it. */
function stopped(record: PaymentRecord): Error {
  // Not a business error: this run is one the workflow has given up on, or a person restarted an order
  // whose money went back; either way it must not take money again, and nobody waits for its answer.
  return new Error(
    `the charge of order ${record.orderId} is ${record.status}: the order was compensated, so nothing is charged; place a new order`,
  );
}

/**
 * Charges the order once by the protocol of `@orderflow/payments` (`chargeOnce`: intent PENDING, hold
 * AUTHORIZED, capture CAPTURED, each step a compare-and-set, the provider keyed by the order id), and
 * answers with where the record ended. A repeat that finds the charge captured returns it; one that finds
 * it declined throws the same decline. A run that finds the order fenced off by the compensation (VOIDED,
 * or already REFUNDED) stops without capturing, releasing any hold it made.
 *
 * A repeat with a different amount or token still charges the first amount: one order, one charge.
 *
 * @throws PaymentDeclined when the provider declines (now or the first time).
 * @throws PaymentProcessingError when the provider cannot answer right now; the workflow retries.
 * @throws Error when the order was compensated (voided or refunded): such an order must not go on.
 */
export async function chargePayment(input: ChargePaymentInput, deps: ChargePaymentDeps): Promise<Charge> {
  const record = await chargeOnce(input, deps);
  switch (record.status) {
    case "CAPTURED":
      return chargeOf(record);
    case "DECLINED":
      throw new PaymentDeclined(record.declineReason);
    default:
      throw stopped(record);
  }
}
