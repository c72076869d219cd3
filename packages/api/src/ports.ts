import type { Order, OrderStatus } from "@orderflow/domain";
import type { ListPosition } from "./cursor";

/** The order as stored: everything the client sent except the card token, which only the workflow sees. */
export type StoredOrder = Omit<Order, "payment">;

/** A new order, ready to be stored as PENDING. */
export interface NewOrder {
  /** Its `orderId` is derived from the customer and the idempotency key; `customer.id` is the caller. */
  readonly order: StoredOrder;
  /** The client's key (or the one the API chose) the order id was derived from. */
  readonly idempotencyKey: string;
  /** {@link fingerprint} of the full order (token included): how a repeated request is recognised. */
  readonly requestHash: string;
  /** ISO 8601 instant; also the first `updatedAt`. */
  readonly createdAt: string;
}

/** What the API reads back about an order. `error`/`cause` are written by the workflow when it fails. */
export interface OrderRecord {
  readonly orderId: string;
  /** Absent, like `idempotencyKey`, on orders the workflow recorded for an execution started without the API. */
  readonly customerId?: string;
  readonly idempotencyKey?: string;
  readonly status: OrderStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Absent on orders the workflow recorded for an execution started without the API. */
  readonly requestHash?: string;
  readonly error?: string;
  readonly cause?: string;
}

export type InsertResult =
  | { readonly inserted: true; readonly record: OrderRecord }
  | { readonly inserted: false; readonly existing: OrderRecord };

/** One page of a customer's orders, newest first; `next` is where the following page starts. */
export interface OrderPage {
  readonly records: readonly OrderRecord[];
  readonly next?: ListPosition;
}

/** Storage of orders, keyed by order id. */
export interface OrderStore {
  /** Stores the order as PENDING unless its id is taken; when taken, returns the stored record instead. */
  insertPending(order: NewOrder): Promise<InsertResult>;
  /** The order's record, read consistently, or undefined when no order has this id. */
  get(orderId: string): Promise<OrderRecord | undefined>;
  /** Up to `limit` of the customer's orders, newest first, after `after` when given. */
  listByCustomer(customerId: string, limit: number, after?: ListPosition): Promise<OrderPage>;
}

/** `started`: this call started it; `already-started`: an execution with the order's name exists. */
export type StartOutcome = "started" | "already-started";

/** Starts the order workflow. Starting an order twice must start it once (execution name = order id). */
export interface WorkflowStarter {
  start(order: Order): Promise<StartOutcome>;
}

/** The logging the API needs; Powertools' Logger satisfies it. Never pass order payloads. */
export interface ApiLog {
  appendKeys(keys: Record<string, string | undefined>): void;
  resetKeys(): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}
