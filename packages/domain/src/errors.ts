/**
 * Business errors. Each `name` is exactly the error name the workflow's Catch matches (Lambda reports
 * `error.name` as the error type), so renaming one is a contract change. Business errors are never retried.
 */
import { type FieldIssue, formatIssues, MAX_LISTED_ISSUES } from "./issues";

export class ValidationError extends Error {
  override readonly name = "ValidationError";
  /** The first {@link MAX_LISTED_ISSUES} problems; the message counts the rest. */
  readonly issues: readonly FieldIssue[];
  constructor(issues: readonly FieldIssue[], subject = "input") {
    super(`invalid ${subject}: ${formatIssues(issues)}`);
    this.issues = issues.slice(0, MAX_LISTED_ISSUES);
  }
}

export interface Shortage {
  readonly sku: string;
  readonly requested: number;
  readonly available: number;
}

export class OutOfStock extends Error {
  override readonly name = "OutOfStock";
  constructor(readonly shortages: readonly Shortage[]) {
    super(
      `not enough stock: ${shortages.map((s) => `${s.sku} requested ${s.requested}, available ${s.available}`).join("; ")}`,
    );
  }
}

export class PaymentDeclined extends Error {
  override readonly name = "PaymentDeclined";
  constructor(readonly reason: string) {
    super(`payment declined: ${reason}`);
  }
}

export class ShipmentFailed extends Error {
  override readonly name = "ShipmentFailed";
  constructor(readonly reason: string) {
    super(`shipment failed: ${reason}`);
  }
}

/** The payment provider could not process the charge right now; the workflow retries it. */
export class PaymentProcessingError extends Error {
  override readonly name = "PaymentProcessingError";
}

export const BUSINESS_ERRORS = [
  "ValidationError",
  "OutOfStock",
  "PaymentDeclined",
  "ShipmentFailed",
] as const;
export type BusinessErrorName = (typeof BUSINESS_ERRORS)[number];

/**
 * Concurrent orders kept colliding on the same stock rows (DynamoDB cancelled the transaction as a
 * conflict) after the task's own short retries; nothing was changed, so the workflow retries the step.
 */
export class InventoryContention extends Error {
  override readonly name = "InventoryContention";
}

/**
 * The shipment is committed (booked, reservation SHIPPED) but a later step failed. Transient by design
 * (the manifests list its name as retryable): the order has shipped, so it must never be compensated
 * with a refund; the workflow retries CreateShipment and the next run resumes the hand-over.
 */
export class ShipmentHandoverIncomplete extends Error {
  override readonly name = "ShipmentHandoverIncomplete";
}

/** Transient errors raised by our own code (not by Lambda) that the workflow may retry. */
export const TRANSIENT_TASK_ERRORS = [
  "PaymentProcessingError",
  "InventoryContention",
  "ShipmentHandoverIncomplete",
] as const;
export type TransientTaskErrorName = (typeof TRANSIENT_TASK_ERRORS)[number];
