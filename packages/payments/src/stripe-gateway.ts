import type Stripe from "stripe";
import { type Authorization, ChargeVoided, NothingCaptured, type PaymentGateway } from "./gateway";
import { declineOf, isInvalidRequest, stillProcessing, stripeFailure } from "./stripe-errors";

/**
 * The gateway on Stripe's PaymentIntents. `authorize` creates and confirms a manual-capture PaymentIntent
 * with the charge key as idempotency key (so a repeat is Stripe's replay of the first answer, then read
 * as it is now), `capture` captures it, `void` cancels it while uncaptured, `refund` refunds it with the
 * refund key as idempotency key. The card is the PaymentMethod id the shop's checkout created (Stripe.js),
 * sent as the order's payment token. A decline is an answer; rate limits, Stripe's 5xx and network
 * failures are `PaymentProcessingError`s the workflow retries.
 *
 * Stripe keeps idempotency keys for 24 hours: a charge retried later than that would be a new charge, which
 * is far beyond the workflow's retry window.
 */
export function stripeGateway(stripe: Stripe): PaymentGateway {
  const intents = stripe.paymentIntents;
  const current = (chargeId: string) => intents.retrieve(chargeId);
  return {
    name: "stripe",
    async authorize({ chargeKey, amount, paymentToken }) {
      try {
        const created = await intents.create(
          {
            amount: amount.amount,
            currency: amount.currency.toLowerCase(),
            capture_method: "manual",
            confirm: true,
            // No redirects or customer actions: the workflow confirms server-side, nobody is there to act.
            allowed_payment_method_types: ["card"],
            error_on_requires_action: true,
            payment_method: paymentToken,
            metadata: { orderId: chargeKey },
          },
          { idempotencyKey: chargeKey },
        );
        return authorizationOf(wasReplayed(created) ? await current(created.id) : created);
      } catch (error) {
        const declined = declineOf(error);
        if (declined) return { status: "DECLINED", reason: declined };
        throw stripeFailure(error, "authorize the charge");
      }
    },
    async capture({ chargeKey, chargeId }) {
      try {
        await intents.capture(chargeId, {}, { idempotencyKey: `capture-${chargeKey}` });
      } catch (error) {
        // Refused because the intent moved on: captured before (done) or canceled (voided by the saga).
        if (!isInvalidRequest(error)) throw stripeFailure(error, "capture the charge");
        const { status } = await current(chargeId);
        if (status === "succeeded") return;
        if (status === "canceled") throw new ChargeVoided(`the hold of charge ${chargeKey} was voided`);
        throw stripeFailure(error, "capture the charge");
      }
    },
    async void({ chargeKey, chargeId }) {
      try {
        await intents.cancel(
          chargeId,
          { cancellation_reason: "abandoned" },
          { idempotencyKey: `void-${chargeKey}` },
        );
        return "VOIDED";
      } catch (error) {
        if (!isInvalidRequest(error)) throw stripeFailure(error, "void the charge");
        const { status } = await current(chargeId);
        if (status === "succeeded") return "CAPTURED";
        if (status === "canceled") return "VOIDED";
        throw stripeFailure(error, "void the charge");
      }
    },
    async refund({ chargeKey, chargeId, refundKey, amount }) {
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: chargeId, amount: amount.amount, metadata: { orderId: chargeKey } },
          { idempotencyKey: refundKey },
        );
        return { refundId: refund.id };
      } catch (error) {
        if (!isInvalidRequest(error)) throw stripeFailure(error, "refund the charge");
        // Refused: never captured, or refunded already under another key.
        const { status } = await current(chargeId);
        if (status !== "succeeded") {
          throw new NothingCaptured(`Stripe never captured charge ${chargeKey}, so nothing is refunded`);
        }
        const { data } = await stripe.refunds.list({ payment_intent: chargeId, limit: 1 });
        if (data[0]) return { refundId: data[0].id };
        throw stripeFailure(error, "refund the charge");
      }
    },
  };
}

/** Whether Stripe answered a request from its idempotency store (`Idempotent-Replayed: true`). */
function wasReplayed(resource: { readonly lastResponse?: { readonly headers: unknown } }): boolean {
  const headers = resource.lastResponse?.headers as Headers | Record<string, string> | undefined;
  // The fetch client exposes a Headers object, Node's client a plain record.
  const value =
    typeof headers?.get === "function"
      ? headers.get("idempotent-replayed")
      : (headers as Record<string, string> | undefined)?.["idempotent-replayed"];
  return value === "true";
}

function authorizationOf(intent: Stripe.PaymentIntent): Authorization {
  switch (intent.status) {
    case "requires_capture":
      return { status: "AUTHORIZED", chargeId: intent.id };
    case "succeeded":
      return { status: "CAPTURED", chargeId: intent.id };
    case "canceled":
      return { status: "VOIDED", chargeId: intent.id };
    case "requires_payment_method": {
      const error = intent.last_payment_error;
      return { status: "DECLINED", reason: error?.decline_code ?? error?.code ?? "card_declined" };
    }
    case "requires_action":
      return { status: "DECLINED", reason: "authentication_required" };
    case "processing":
      throw stillProcessing("authorize the charge");
    default:
      throw new Error(
        `Stripe left the payment of charge ${intent.metadata.orderId ?? intent.id} in status ${intent.status}`,
      );
  }
}
