import { createHash } from "node:crypto";
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { PaymentProcessingError } from "@orderflow/domain";
import { readRow, writeIf } from "@orderflow/task-kit";
import { type Authorization, ChargeVoided, NothingCaptured, type PaymentGateway } from "./gateway";

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

/** Where the sandbox keeps its books: the `gateway` table, one row per charge key. */
export interface SandboxLedger {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** A row of the sandbox's books: the provider's own record of one charge. */
export interface SandboxCharge {
  readonly chargeKey: string;
  readonly chargeId: string;
  readonly status: "AUTHORIZED" | "CAPTURED" | "REFUNDED" | "VOIDED" | "DECLINED";
  readonly amount: { readonly amount: number; readonly currency: string };
  readonly declineReason?: string;
  readonly refundId?: string;
}

/** Ids derived from a key, as a provider replays the first answer for a repeated key. */
function sandboxId(prefix: string, key: string): string {
  return `${prefix}_sandbox_${createHash("sha256").update(key).digest("hex").slice(0, 24)}`;
}

const STATUS = { "#status": "status" };

/**
 * A payment provider of our own, for development and tests: it decides by card token (see
 * {@link SANDBOX_TOKENS}) and keeps real books in DynamoDB, so its captures, refunds and voids can be
 * audited like a provider's, a refund of a charge it never captured is refused, and a voided hold can
 * never be captured.
 */
export function sandboxGateway({ client, tableName }: SandboxLedger): PaymentGateway {
  const read = async (chargeKey: string) =>
    (await readRow(client, tableName, { chargeKey })) as SandboxCharge | undefined;
  const move = (chargeKey: string, from: SandboxCharge["status"], to: SandboxCharge["status"], extra = {}) =>
    writeIf(
      client,
      new UpdateCommand({
        TableName: tableName,
        Key: { chargeKey },
        UpdateExpression: `SET #status = :to${Object.keys(extra)
          .map((k) => `, ${k} = :${k}`)
          .join("")}`,
        ConditionExpression: "#status = :from",
        ExpressionAttributeNames: STATUS,
        ExpressionAttributeValues: {
          ":from": from,
          ":to": to,
          ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`:${k}`, v])),
        },
      }),
    );

  return {
    name: "sandbox",
    async authorize({ chargeKey, amount, paymentToken }) {
      if (paymentToken === SANDBOX_TOKENS.processingError) {
        throw new PaymentProcessingError(
          "the sandbox payment provider could not process the charge right now; retry later",
        );
      }
      const approved = paymentToken === SANDBOX_TOKENS.approved;
      const first: SandboxCharge = {
        chargeKey,
        chargeId: sandboxId("ch", chargeKey),
        amount,
        ...(approved
          ? { status: "AUTHORIZED" }
          : { status: "DECLINED", declineReason: DECLINE_REASONS.get(paymentToken) ?? UNKNOWN_CARD_REASON }),
      };
      const put = new PutCommand({
        TableName: tableName,
        Item: first,
        ConditionExpression: "attribute_not_exists(chargeKey)",
      });
      const charge = (await writeIf(client, put)) ? first : await read(chargeKey);
      if (!charge) throw new Error(`the sandbox lost charge ${chargeKey}; retry`);
      return authorizationOf(charge);
    },
    async capture({ chargeKey }) {
      if (await move(chargeKey, "AUTHORIZED", "CAPTURED")) return;
      const charge = await read(chargeKey);
      if (charge?.status === "CAPTURED" || charge?.status === "REFUNDED") return;
      if (charge?.status === "VOIDED") throw new ChargeVoided(`the hold of charge ${chargeKey} was voided`);
      throw new Error(`the sandbox has no authorized charge ${chargeKey} to capture`);
    },
    async void({ chargeKey }) {
      if (await move(chargeKey, "AUTHORIZED", "VOIDED")) return "VOIDED";
      const charge = await read(chargeKey);
      return charge?.status === "CAPTURED" || charge?.status === "REFUNDED" ? "CAPTURED" : "VOIDED";
    },
    async refund({ chargeKey, refundKey }) {
      const refundId = sandboxId("re", refundKey);
      if (await move(chargeKey, "CAPTURED", "REFUNDED", { refundId })) return { refundId };
      const charge = await read(chargeKey);
      if (charge?.status === "REFUNDED" && charge.refundId) return { refundId: charge.refundId };
      throw new NothingCaptured(`the sandbox never captured charge ${chargeKey}, so nothing is refunded`);
    },
  };
}

function authorizationOf(charge: SandboxCharge): Authorization {
  if (charge.status === "DECLINED")
    return { status: "DECLINED", reason: charge.declineReason ?? UNKNOWN_CARD_REASON };
  // A refunded charge was captured first; for a repeated authorization that is what counts.
  const status = charge.status === "REFUNDED" ? "CAPTURED" : charge.status;
  return { status, chargeId: charge.chargeId };
}
