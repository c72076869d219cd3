/**
 * What a Stripe-shaped test server keeps and answers: PaymentIntents (manual capture) and Refunds, in the
 * object and error shapes of Stripe's API reference, driven by Stripe's documented test payment methods.
 */

/** Stripe's test PaymentMethods this server knows, and what confirming each does. */
export const STRIPE_TEST_CARDS = {
  approved: "pm_card_visa",
  declined: "pm_card_chargeDeclined",
  insufficientFunds: "pm_card_visa_chargeDeclinedInsufficientFunds",
  expired: "pm_card_chargeDeclinedExpiredCard",
  processingError: "pm_card_chargeDeclinedProcessingError",
} as const;

const CARD_ERRORS: ReadonlyMap<string, { code: string; decline_code?: string; message: string }> = new Map([
  [
    STRIPE_TEST_CARDS.declined,
    { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." },
  ],
  [
    STRIPE_TEST_CARDS.insufficientFunds,
    {
      code: "card_declined",
      decline_code: "insufficient_funds",
      message: "Your card has insufficient funds.",
    },
  ],
  [STRIPE_TEST_CARDS.expired, { code: "expired_card", message: "Your card has expired." }],
  [
    STRIPE_TEST_CARDS.processingError,
    {
      code: "processing_error",
      message: "An error occurred while processing your card. Try again in a little bit.",
    },
  ],
]);

export type IntentStatus = "requires_payment_method" | "requires_capture" | "succeeded" | "canceled";

/** A PaymentIntent as the API returns it (the fields this server maintains). */
export interface PaymentIntentObject {
  readonly id: string;
  readonly object: "payment_intent";
  readonly amount: number;
  readonly amount_capturable: number;
  readonly amount_received: number;
  readonly currency: string;
  readonly status: IntentStatus;
  readonly capture_method: "manual";
  readonly allowed_payment_method_types: string[];
  readonly payment_method_types: string[];
  readonly payment_method: string | null;
  readonly metadata: Record<string, string>;
  readonly last_payment_error: Record<string, unknown> | null;
  readonly latest_charge: string | null;
  readonly canceled_at: number | null;
  readonly cancellation_reason: string | null;
  readonly created: number;
  readonly livemode: false;
}

export interface RefundObject {
  readonly id: string;
  readonly object: "refund";
  readonly amount: number;
  readonly currency: string;
  readonly payment_intent: string;
  readonly charge: string | null;
  readonly status: "succeeded";
  readonly metadata: Record<string, string>;
  readonly reason: null;
  readonly created: number;
}

/** An answer: the HTTP status and the JSON body. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

type Params = Readonly<Record<string, string>>;

const now = () => Math.floor(Date.now() / 1000);
const metadataOf = (params: Params) =>
  Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => {
      const name = /^metadata\[(.+)\]$/.exec(key)?.[1];
      return name === undefined ? [] : [[name, value]];
    }),
  );

function error(status: number, fields: Record<string, unknown>): Answer {
  return {
    status,
    body: { error: { request_log_url: "https://dashboard.stripe.com/test/logs", ...fields } },
  };
}

function unexpectedState(intent: PaymentIntentObject, action: string): Answer {
  return error(400, {
    type: "invalid_request_error",
    code: "payment_intent_unexpected_state",
    message: `This PaymentIntent could not be ${action} because it has a status of ${intent.status}.`,
    payment_intent: intent,
  });
}

/** The books of one test Stripe account: intents and refunds, changed only by the API calls below. */
export class StripeBooks {
  readonly intents = new Map<string, PaymentIntentObject>();
  readonly refunds = new Map<string, RefundObject>();
  private sequence = 0;

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}_test${String(this.sequence).padStart(20, "0")}`;
  }

  private update(intent: PaymentIntentObject, change: Partial<PaymentIntentObject>): PaymentIntentObject {
    const changed = { ...intent, ...change };
    this.intents.set(intent.id, changed);
    return changed;
  }

  /** `POST /v1/payment_intents` with `confirm=true` and `capture_method=manual`. */
  createIntent(params: Params): Answer {
    const amount = Number(params.amount);
    if (!Number.isSafeInteger(amount) || amount < 1 || !params.currency) {
      return error(400, {
        type: "invalid_request_error",
        code: "parameter_missing",
        param: "amount",
        message: "Missing required param: amount.",
      });
    }
    const paymentMethod = params.payment_method ?? "";
    const known = paymentMethod === STRIPE_TEST_CARDS.approved || CARD_ERRORS.has(paymentMethod);
    if (!known) {
      return error(400, {
        type: "invalid_request_error",
        code: "resource_missing",
        param: "payment_method",
        message: `No such PaymentMethod: '${paymentMethod}'`,
      });
    }
    const cardError = CARD_ERRORS.get(paymentMethod);
    const intent: PaymentIntentObject = {
      id: this.nextId("pi"),
      object: "payment_intent",
      amount,
      amount_capturable: cardError ? 0 : amount,
      amount_received: 0,
      currency: params.currency,
      status: cardError ? "requires_payment_method" : "requires_capture",
      capture_method: "manual",
      allowed_payment_method_types: ["card"],
      payment_method_types: ["card"],
      payment_method: cardError ? null : paymentMethod,
      metadata: metadataOf(params),
      last_payment_error: cardError ? { type: "card_error", ...cardError } : null,
      latest_charge: this.nextId("ch"),
      canceled_at: null,
      cancellation_reason: null,
      created: now(),
      livemode: false,
    };
    this.intents.set(intent.id, intent);
    if (!cardError) return { status: 200, body: intent };
    return error(402, { type: "card_error", ...cardError, payment_intent: intent });
  }

  retrieveIntent(id: string): Answer {
    const intent = this.intents.get(id);
    return intent ? { status: 200, body: intent } : this.missing(id);
  }

  /** `POST /v1/payment_intents/:id/capture`: only an uncaptured, authorized intent can be captured. */
  captureIntent(id: string): Answer {
    const intent = this.intents.get(id);
    if (!intent) return this.missing(id);
    if (intent.status !== "requires_capture") return unexpectedState(intent, "captured");
    return {
      status: 200,
      body: this.update(intent, {
        status: "succeeded",
        amount_capturable: 0,
        amount_received: intent.amount,
      }),
    };
  }

  /** `POST /v1/payment_intents/:id/cancel`: a captured (or canceled) intent cannot be canceled. */
  cancelIntent(id: string, params: Params): Answer {
    const intent = this.intents.get(id);
    if (!intent) return this.missing(id);
    if (intent.status === "succeeded" || intent.status === "canceled")
      return unexpectedState(intent, "canceled");
    const change = {
      status: "canceled" as const,
      amount_capturable: 0,
      canceled_at: now(),
      cancellation_reason: params.cancellation_reason ?? null,
    };
    return { status: 200, body: this.update(intent, change) };
  }

  /** `POST /v1/refunds` for a PaymentIntent: refunds what it received, once. */
  createRefund(params: Params): Answer {
    const intent = this.intents.get(params.payment_intent ?? "");
    if (!intent) return this.missing(params.payment_intent ?? "");
    const refunded = [...this.refunds.values()].some((r) => r.payment_intent === intent.id);
    if (intent.status !== "succeeded") {
      return error(400, {
        type: "invalid_request_error",
        code: "charge_not_refundable",
        message: `PaymentIntent ${intent.id} does not have a successful charge to refund.`,
      });
    }
    if (refunded) {
      return error(400, {
        type: "invalid_request_error",
        code: "charge_already_refunded",
        message: `Charge ${intent.latest_charge} has already been refunded.`,
      });
    }
    const amount = params.amount === undefined ? intent.amount_received : Number(params.amount);
    const refund: RefundObject = {
      id: this.nextId("re"),
      object: "refund",
      amount,
      currency: intent.currency,
      payment_intent: intent.id,
      charge: intent.latest_charge,
      status: "succeeded",
      metadata: metadataOf(params),
      reason: null,
      created: now(),
    };
    this.refunds.set(refund.id, refund);
    return { status: 200, body: refund };
  }

  /** `GET /v1/refunds?payment_intent=…`, newest first. */
  listRefunds(paymentIntent: string | null): Answer {
    const data = [...this.refunds.values()]
      .filter((r) => paymentIntent === null || r.payment_intent === paymentIntent)
      .reverse();
    return { status: 200, body: { object: "list", data, has_more: false, url: "/v1/refunds" } };
  }

  private missing(id: string): Answer {
    return error(404, {
      type: "invalid_request_error",
      code: "resource_missing",
      param: "intent",
      message: `No such payment_intent: '${id}'`,
    });
  }
}
