// The reservation protocol shared by the inventory tasks and create-shipment; see README.md.
export {
  type AppliedSteps,
  type ApplyStepsDeps,
  applySteps,
  type ContentionPolicy,
} from "./apply-steps";
export {
  dynamoReservationLedger,
  dynamoShippingLedger,
  type ReservationTables,
  type ShippingTables,
} from "./dynamo-ledger";
export type {
  LedgerStep,
  ReservationLedger,
  ShippingLedger,
  ShipStep,
  StepApplier,
  StepResult,
} from "./ledger";
export {
  holdStep,
  isSettled,
  MAX_LINES_PER_STEP,
  type ReservationRecord,
  releaseStep,
  reservationOf,
  reserveStep,
  returnStep,
  type StockMove,
  stockMoveOf,
} from "./reservation-record";
export { FIRST_SHIP_STEP_LINES, isFullyHeld, shipStep } from "./ship-step";
