import type { OrderRecord } from "./ports";

/** The body of `GET /orders/{id}`, and one entry of `GET /orders`. */
export interface OrderView {
  readonly orderId: string;
  /** The key the client posted the order with (or the one the API chose). */
  readonly idempotencyKey?: string;
  readonly status: OrderRecord["status"];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly error?: string;
  readonly cause?: string;
}

/**
 * A Lambda task's failure cause, as Step Functions records it, is the JSON `{errorType, errorMessage,
 * trace}`. Clients get the message, which is written for people; the stack trace stays in the execution
 * history for on-call.
 */
export function publicCause(cause: string): string {
  try {
    const parsed: unknown = JSON.parse(cause);
    if (parsed !== null && typeof parsed === "object" && "errorMessage" in parsed) {
      const { errorMessage } = parsed;
      if (typeof errorMessage === "string") return errorMessage;
    }
  } catch {
    // Not JSON: the workflow wrote a plain message, which is already what a client should see.
  }
  return cause;
}

export function orderView(record: OrderRecord): OrderView {
  return {
    orderId: record.orderId,
    ...(record.idempotencyKey !== undefined && { idempotencyKey: record.idempotencyKey }),
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.error !== undefined && { error: record.error }),
    ...(record.cause !== undefined && { cause: publicCause(record.cause) }),
  };
}
