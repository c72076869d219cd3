import type { SagaStateName } from "./tasks";

/**
 * Every state of the order workflow by name. Fault plans, traces and tests refer to these, so a
 * rename is a contract change. The saga's task states must be the state names of registered manifests
 * (`manifestsByState` fails otherwise); the rest are the workflow's own.
 */
export const STATE_NAMES = {
  ValidateOrder: "ValidateOrder",
  ReserveInventory: "ReserveInventory",
  ChargePayment: "ChargePayment",
  CreateShipment: "CreateShipment",
  ReleaseInventory: "ReleaseInventory",
  RefundPayment: "RefundPayment",
  /** Status COMPLETED with its event (outbox); the execution ends there. */
  MarkCompleted: "MarkCompleted",
  /** After the release: did the order ship after all (a CreateShipment whose answer was lost)? */
  CheckShipped: "CheckShipped",
  /** The shipment of an order that shipped after all, read back for its completion. */
  GetShipment: "GetShipment",
  /** It shipped but some stock is still reserved: a person finishes the hand-over. */
  HandOverByHand: "HandOverByHand",
  /** The release gave up: refund only when no shipment can be on its way. */
  SafeToRefund: "SafeToRefund",
  /** A refund held back because the order may have shipped: a person decides. */
  HoldRefund: "HoldRefund",
  /** After the refund: did every compensation complete? */
  CheckCompensations: "CheckCompensations",
  /** Status REJECTED: the order was refused before anything took effect. */
  MarkRejected: "MarkRejected",
  Rejected: "Rejected",
  /** Status FAILED, after the compensations ran. */
  MarkFailed: "MarkFailed",
  Failed: "Failed",
  /** Status NEEDS_ATTENTION, naming the steps a person must settle. */
  MarkNeedsAttention: "MarkNeedsAttention",
  NeedsAttention: "NeedsAttention",
  /** A status write failed for good after the saga's outcome was decided; the reconciler records it. */
  RecordingFailed: "RecordingFailed",
} as const satisfies Record<SagaStateName, SagaStateName> & Record<string, string>;

export type StateName = (typeof STATE_NAMES)[keyof typeof STATE_NAMES];

export const {
  MarkCompleted,
  CheckShipped,
  GetShipment,
  HandOverByHand,
  SafeToRefund,
  HoldRefund,
  CheckCompensations,
  MarkRejected,
  Rejected,
  MarkFailed,
  Failed,
  MarkNeedsAttention,
  NeedsAttention,
  RecordingFailed,
} = STATE_NAMES;
