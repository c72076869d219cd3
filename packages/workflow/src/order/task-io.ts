import {
  type ChargePaymentInput,
  ChargePaymentOutput,
  type CreateShipmentInput,
  CreateShipmentOutput,
  type RefundPaymentInput,
  RefundPaymentOutput,
  type ReleaseInventoryInput,
  ReleaseInventoryOutput,
  type ReserveInventoryInput,
  ReserveInventoryOutput,
} from "@orderflow/domain";
import type { SagaStateName } from "./tasks";

/** Correlates a task's logs with the execution; task-kit strips it before parsing the input. */
export const EXECUTION_ID_PATH = "$$.Execution.Id";

/** A JSONPath for every field of a task's input contract, checked against the domain type. */
type InputPaths<T> = { readonly [K in keyof T]-?: string } & { readonly executionId: string };

interface ObjectSchemaLike {
  readonly entries: Readonly<Record<string, { readonly type: string }>>;
}

const OPTIONAL_SCHEMAS = new Set(["optional", "exact_optional", "nullish", "undefinedable"]);

/**
 * The fields a result always carries, read from the domain output schema. Only these are copied into
 * the state: a JSONPath to a field that is absent fails the execution with an uncatchable
 * States.Runtime, so optional fields (e.g. a refund's `amount`) are left out.
 */
export function requiredFields(schema: ObjectSchemaLike): string[] {
  return Object.entries(schema.entries)
    .filter(([, entry]) => !OPTIONAL_SCHEMAS.has(entry.type))
    .map(([key]) => key);
}

/** How a task reads the workflow state and where its result goes. */
export interface TaskIo {
  /** `"$"`: the whole state is the input; otherwise input field → JSONPath into the state. */
  readonly input: "$" | Readonly<Record<string, string>>;
  /**
   * `undefined`: the result replaces the state; `"discard"`: the state passes on unchanged; otherwise
   * where it is stored and which fields.
   */
  readonly result?: { readonly at: string; readonly fields: readonly string[] } | "discard";
}

const reserveInput = {
  orderId: "$.orderId",
  items: "$.items",
  executionId: EXECUTION_ID_PATH,
} as const satisfies InputPaths<ReserveInventoryInput>;

const chargeInput = {
  orderId: "$.orderId",
  customerId: "$.customerId",
  amount: "$.total",
  paymentToken: "$.payment.token",
  executionId: EXECUTION_ID_PATH,
} as const satisfies InputPaths<ChargePaymentInput>;

const shipInput = {
  orderId: "$.orderId",
  executionId: EXECUTION_ID_PATH,
} as const satisfies InputPaths<CreateShipmentInput>;

const releaseInput = {
  orderId: "$.orderId",
  executionId: EXECUTION_ID_PATH,
} as const satisfies InputPaths<ReleaseInventoryInput>;

const refundInput = {
  orderId: "$.orderId",
  executionId: EXECUTION_ID_PATH,
} as const satisfies InputPaths<RefundPaymentInput>;

/**
 * The workflow's data flow: the execution input is the order; ValidateOrder's result (the validated,
 * priced order, without personal data) replaces it; every later task reads exactly its input contract and
 * adds its result under its own key, so the order stays intact for the compensations. The charge's result
 * replaces `$.payment`, which held the card token: the token leaves the state once it was used.
 */
export const TASK_IO: Readonly<Record<SagaStateName, TaskIo>> = {
  ValidateOrder: { input: "$" },
  ReserveInventory: {
    input: reserveInput,
    result: { at: "$.reservation", fields: requiredFields(ReserveInventoryOutput) },
  },
  ChargePayment: {
    input: chargeInput,
    result: { at: "$.payment", fields: requiredFields(ChargePaymentOutput) },
  },
  CreateShipment: {
    input: shipInput,
    result: { at: "$.shipment", fields: requiredFields(CreateShipmentOutput) },
  },
  ReleaseInventory: {
    input: releaseInput,
    result: { at: "$.release", fields: requiredFields(ReleaseInventoryOutput) },
  },
  RefundPayment: {
    input: refundInput,
    result: { at: "$.refund", fields: requiredFields(RefundPaymentOutput) },
  },
};

/**
 * How a step the saga does not spell out (a task placed in FORWARD_STEPS with one line) reads the state:
 * its order id only, and nothing it answers is kept, so it can neither drop nor overwrite what later
 * steps and the compensations read. A step whose result matters gets a TASK_IO entry.
 */
export const STEP_IO: TaskIo = {
  input: { orderId: "$.orderId", executionId: EXECUTION_ID_PATH },
  result: "discard",
};

/** The data flow of the state `name`: its TASK_IO entry, or {@link STEP_IO}. */
export function taskIo(name: string): TaskIo {
  return Object.hasOwn(TASK_IO, name) ? TASK_IO[name as SagaStateName] : STEP_IO;
}

/** A payload template (`{ "orderId.$": "$.orderId", … }`) from input paths. */
export function payloadTemplate(paths: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(paths).map(([key, path]) => [`${key}.$`, path]));
}
