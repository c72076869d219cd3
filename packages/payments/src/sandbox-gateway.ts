import { createHash } from "node:crypto";
import { PaymentProcessingError } from "@orderflow/domain";
import type { PaymentGateway } from "./gateway";

/** The test card tokens the sandbox knows, and what each one does. */
export const SANDBOX_TOKENS = {
  approved: "tok_visa",
  declined: "tok_chargeDeclined",
  insufficientFunds: "tok_insufficientFunds",
  processingError: "tok_processingError",
} as const;

// A Map, not an object literal: a token such as "constructor" must not find an inherited property.
const DECLINE_REASONS: ReadonlyMap<string, string> = new Map([
  [SANDBOX_TOKENS.declined, "card_declined"],
  [SANDBOX_TOKENS.insufficientFunds, "insufficient_funds"],
]);

/** Every other token is declined with this reason, as a real provider declines a card it does not know. */
export const UNKNOWN_CARD_REASON = "unknown_test_card";

/**
 * Ids derived from the idempotency key, so two calls with one key name one charge (or refund), the way a
 * real provider replays the first answer for a repeated key.
 */
function sandboxId(prefix: string, idempotencyKey: string): string {
  return `${prefix}_sandbox_${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 24)}`;
}

/**
 * A payment provider without a provider: it decides by card token and keeps no state. Refunds always
 * succeed, because the sandbox's failure tokens describe cards, and a refund does not touch the card.
 */
export function sandboxGateway(): PaymentGateway {
  return {
    name: "sandbox",
    async charge({ idempotencyKey, paymentToken }) {
      if (paymentToken === SANDBOX_TOKENS.processingError) {
        throw new PaymentProcessingError(
          "the sandbox payment provider could not process the charge right now; retry later",
        );
      }
      if (paymentToken === SANDBOX_TOKENS.approved) {
        return { status: "APPROVED", chargeId: sandboxId("ch", idempotencyKey) };
      }
      return { status: "DECLINED", reason: DECLINE_REASONS.get(paymentToken) ?? UNKNOWN_CARD_REASON };
    },
    async refund({ idempotencyKey, chargeKey, chargeId }) {
      return { refundId: sandboxId("re", idempotencyKey), chargeId: chargeId ?? sandboxId("ch", chargeKey) };
    },
  };
}
