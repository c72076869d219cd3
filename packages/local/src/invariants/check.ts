import type { OrderFacts } from "./facts";

/** One broken saga promise: which family of invariants, and what exactly is wrong. */
export interface Violation {
  readonly invariant: "money" | "goods" | "records" | "compensation";
  readonly message: string;
}

type Check = (facts: OrderFacts) => string[];

/** The event each terminal status is announced with. */
const EVENT_OF_STATUS: Readonly<Record<string, string>> = {
  COMPLETED: "OrderCompleted",
  REJECTED: "OrderRejected",
  FAILED: "OrderFailed",
  NEEDS_ATTENTION: "OrderNeedsAttention",
};

const shipped = (facts: OrderFacts) => facts.reservation?.status === "SHIPPED" || facts.shipment !== null;

/** True when the order names `state` among the steps a person settles. */
const leftToPerson = (facts: OrderFacts, state: string) =>
  facts.order?.status === "NEEDS_ATTENTION" && (facts.order.incomplete ?? []).includes(state);

/** Captured and not refunded at the provider: what the customer paid in the end. */
const netCharged = ({ provider }: OrderFacts) =>
  provider?.status === "CAPTURED" ? provider.amount.amount : 0;

const money: Check = (facts) => {
  const problems: string[] = [];
  const net = netCharged(facts);
  if (shipped(facts)) {
    if (facts.total === undefined) problems.push("the order shipped but has no total");
    else if (net !== facts.total.amount) {
      problems.push(`the order shipped and was charged ${net}, not its total ${facts.total.amount}`);
    }
  } else if (net !== 0 && !leftToPerson(facts, "RefundPayment")) {
    problems.push(`the order did not ship but ${net} stayed captured`);
  }
  const { provider, payment } = facts;
  if (provider && ["CAPTURED", "REFUNDED"].includes(provider.status)) {
    if (!payment)
      problems.push(`the provider captured ${provider.chargeId}, which the payments table does not record`);
    else if (payment.chargeId !== provider.chargeId) {
      problems.push(
        `the payments table records ${payment.chargeId ?? "no charge"}, the provider ${provider.chargeId}`,
      );
    }
  }
  return problems;
};

const goods: Check = (facts) => {
  const problems: string[] = [];
  if (shipped(facts) && (facts.provider?.status === "REFUNDED" || facts.payment?.status === "REFUNDED")) {
    problems.push("the order shipped and was refunded");
  }
  for (const [sku, stock] of Object.entries(facts.stock)) {
    const accounted = stock.available + stock.reserved + stock.shipped;
    if (accounted !== stock.initial) {
      problems.push(
        `${sku}: available ${stock.available} + reserved ${stock.reserved} + shipped ${stock.shipped} is ${accounted}, not the ${stock.initial} seeded`,
      );
    }
  }
  const held = facts.reservation?.heldLines ?? 0;
  const settledByPerson = leftToPerson(facts, "ReleaseInventory") || leftToPerson(facts, "CreateShipment");
  if (held > 0 && !settledByPerson) {
    problems.push(
      `the reservation (${facts.reservation?.status}) still holds ${held} line(s) after the execution ended`,
    );
  }
  return problems;
};

const records: Check = ({ order, events, tokenFoundIn }) => {
  const problems = tokenFoundIn.map((place) => `the card token is kept in ${place}`);
  const expected = order ? EVENT_OF_STATUS[order.status] : undefined;
  if (!order) problems.push("the execution ended without an orders-table item");
  else if (!expected)
    problems.push(`the execution ended with the order ${order.status}, not in a terminal status`);
  else if (order.status !== "COMPLETED" && !order.cause)
    problems.push(`the order is ${order.status} without a cause`);
  const types = new Set(events.map((e) => e.detailType));
  if (expected && !types.has(expected))
    problems.push(`no ${expected} event for an order that is ${order?.status}`);
  for (const type of types) {
    if (type !== expected)
      problems.push(`a ${type} event contradicts the order's status ${order?.status ?? "(none)"}`);
  }
  return problems;
};

const compensation: Check = (facts) => {
  const { failedCompensations, compensations, compensationAfter } = facts.execution;
  const problems: string[] = [];
  for (const state of failedCompensations) {
    if (!leftToPerson(facts, state))
      problems.push(`${state} gave up but the order does not name it for a person`);
    const next = Object.hasOwn(compensationAfter, state) ? compensationAfter[state] : undefined;
    // The next compensation runs after it, or is held back for the person (a refund while the stock is
    // not fenced off): skipped silently, it would leave money or stock behind that nobody is told about.
    const ranAfter =
      next !== undefined && compensations.slice(compensations.indexOf(state) + 1).includes(next);
    if (next !== undefined && !ranAfter && !leftToPerson(facts, next)) {
      problems.push(`${state} gave up and ${next} neither ran after it nor is named for a person`);
    }
  }
  return problems;
};

const CHECKS = { money, goods, records, compensation } as const;

/** Every saga invariant the facts break; empty when all hold. */
export function checkInvariants(facts: OrderFacts): Violation[] {
  return Object.entries(CHECKS).flatMap(([invariant, check]) =>
    check(facts).map((message) => ({ invariant: invariant as Violation["invariant"], message })),
  );
}
