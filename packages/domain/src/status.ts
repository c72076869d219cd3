import * as v from "valibot";

/**
 * The order's lifecycle as stored in the orders table. PENDING is written when the order is accepted;
 * the workflow moves it exactly once to one of the terminal states. NEEDS_ATTENTION is the terminal state
 * of an order a person must finish (a compensation gave up, a shipment's hand-over did not report back);
 * the order names the steps left to settle.
 */
export const ORDER_STATUSES = ["PENDING", "COMPLETED", "REJECTED", "FAILED", "NEEDS_ATTENTION"] as const;
export const OrderStatus = v.picklist(ORDER_STATUSES);
export type OrderStatus = v.InferOutput<typeof OrderStatus>;

const ALLOWED: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ["COMPLETED", "REJECTED", "FAILED", "NEEDS_ATTENTION"],
  COMPLETED: [],
  REJECTED: [],
  FAILED: [],
  NEEDS_ATTENTION: [],
};

export function allowedTransitions(from: OrderStatus): readonly OrderStatus[] {
  return ALLOWED[from];
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function isTerminal(status: OrderStatus): boolean {
  return ALLOWED[status].length === 0;
}

export class IllegalTransition extends Error {
  override readonly name = "IllegalTransition";
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    const allowed = ALLOWED[from];
    super(
      `order status cannot move from ${from} to ${to}; allowed from ${from}: ${allowed.length ? allowed.join(", ") : "none (terminal)"}`,
    );
  }
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransition(from, to);
}
