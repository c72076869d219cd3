/** An order still PENDING, as the orders table's `byStatus` index lists it. */
export interface PendingOrder {
  readonly orderId: string;
  readonly createdAt: string;
}

/**
 * A status write as the workflow made it: the exact UpdateItem request (DynamoDB JSON) of a Mark… state,
 * which sets the status and the attributes of the order's event.
 */
export type StatusWriteRequest = Readonly<Record<string, unknown>>;

/** How the order's execution stands, as Step Functions describes it. */
export type ExecutionState =
  | { readonly status: "RUNNING" }
  /** There is no execution of that name: the order was stored, but its start never happened. */
  | { readonly status: "NONE" }
  | {
      readonly status: "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";
      readonly error?: string;
      readonly cause?: string;
      /** The last status write the execution attempted, from its history; undefined if it made none. */
      readonly lastStatusWrite?: StatusWriteRequest;
    };

export interface ReconcilerOrders {
  /** PENDING orders created before `before` (ISO 8601), oldest first, at most `limit`. */
  pendingBefore(before: string, limit: number): Promise<PendingOrder[]>;
  /** Makes a status write again; false when the order is no longer PENDING (someone recorded it first). */
  replay(request: StatusWriteRequest): Promise<boolean>;
  /** Records a terminal status of the reconciler's own if the order is still PENDING. */
  settle(orderId: string, settlement: Settlement, at: string): Promise<boolean>;
}

/** What the reconciler records when the execution left it no status write to replay. */
export interface Settlement {
  readonly status: "FAILED" | "NEEDS_ATTENTION";
  readonly error: string;
  readonly cause: string;
}

export interface Executions {
  /** The state of the order's execution (its name is the order id). */
  of(orderId: string): Promise<ExecutionState>;
}
