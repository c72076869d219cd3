import { COMPENSATION_STEPS, FORWARD_STEPS } from "./tasks";

const [ValidateOrder, ReserveInventory, ChargePayment, CreateShipment] = FORWARD_STEPS;
const [ReleaseInventory, RefundPayment] = COMPENSATION_STEPS;

/**
 * Every state of the order workflow by name. Fault plans, traces and tests refer to these, so a
 * rename is a contract change. Task names come from the manifests; the rest are the workflow's own.
 */
export const STATE_NAMES = {
  ValidateOrder,
  ReserveInventory,
  ChargePayment,
  CreateShipment,
  ReleaseInventory,
  RefundPayment,
  /** Status COMPLETED on the orders table (direct DynamoDB write). */
  MarkCompleted: "MarkCompleted",
  /** OrderCompleted on the bus. */
  PublishCompleted: "PublishCompleted",
  Done: "Done",
  /** Status REJECTED: the order was refused before anything took effect. */
  MarkRejected: "MarkRejected",
  PublishRejected: "PublishRejected",
  Rejected: "Rejected",
  /** Status FAILED, after the compensations ran. */
  MarkFailed: "MarkFailed",
  PublishFailed: "PublishFailed",
  Failed: "Failed",
  /** Status FAILED plus the compensation's error: money or stock may still be held. */
  MarkCompensationFailed: "MarkCompensationFailed",
  /** A compensation failed for good: the saga is stuck and needs a person. */
  CompensationFailed: "CompensationFailed",
  /** A status write or event failed for good after the saga's outcome was decided. */
  RecordingFailed: "RecordingFailed",
} as const;

export type StateName = (typeof STATE_NAMES)[keyof typeof STATE_NAMES];

export const {
  MarkCompleted,
  PublishCompleted,
  Done,
  MarkRejected,
  PublishRejected,
  Rejected,
  MarkFailed,
  PublishFailed,
  Failed,
  MarkCompensationFailed,
  CompensationFailed,
  RecordingFailed,
} = STATE_NAMES;
