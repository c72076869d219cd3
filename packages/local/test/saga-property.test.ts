/**
 * The saga invariants under random fault schedules, through the real definition and handlers.
 * Seeded and reproducible: the seed is printed; rerun with ORDERFLOW_SAGA_SEED=<seed>.
 * ORDERFLOW_SAGA_RUNS sets how many schedules run (default 1,000).
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { walkStates } from "@orderflow/workflow/asl";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { ExecutionReport } from "../src/runtime/execution";
import type { FaultOutcome } from "../src/runtime/fault-plan";
import { injectedFailure } from "../src/runtime/task-failure";
import { orderFor, PRICE, reservationOf, startTestRuntime, US_ADDRESS } from "./support";

const SEED = Number(process.env.ORDERFLOW_SAGA_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.ORDERFLOW_SAGA_RUNS ?? 1000);
// Orders of one batch run concurrently (their SKUs are their own), which keeps 1,000 runs fast.
const BATCH = 4;

const runtime = await startTestRuntime();
afterAll(() => runtime.stop());

const stateDefinitions = new Map(walkStates(runtime.definition).map(({ name, state }) => [name, state]));
const taskStates = runtime.faultableStates;
const compensationOf = new Map([
  ["ReleaseInventory", "ReserveInventory"],
  ["RefundPayment", "ChargePayment"],
]);
const FORWARD = ["ValidateOrder", "ReserveInventory", "ChargePayment", "CreateShipment"];

/**
 * Whether the state's Retry absorbs every fault of `outcomes`: each retrier counts the failures it
 * matches against its MaxAttempts, as Step Functions does.
 */
function recoverable(stateName: string, outcomes: readonly FaultOutcome[]): boolean {
  const taskState = runtime.taskStates.find((s) => s.name === stateName);
  const state = stateDefinitions.get(stateName);
  const retriers = state?.Type === "Task" ? (state.Retry ?? []) : [];
  if (!taskState) return false;
  const used = retriers.map(() => 0);
  for (const outcome of outcomes) {
    if (outcome === "ok") continue;
    const error = injectedFailure(taskState, outcome as "transient" | "error" | "timeout").name;
    const index = retriers.findIndex(
      (r) => r.ErrorEquals.includes(error) || r.ErrorEquals.includes("States.ALL"),
    );
    if (index < 0) return false;
    used[index] = (used[index] ?? 0) + 1;
    if ((used[index] ?? 0) > (retriers[index]?.MaxAttempts ?? 3)) return false;
  }
  return true;
}

// Mostly no faults or transient ones, so about a third of the orders still complete.
const outcome = fc.constantFrom<FaultOutcome>("ok", "ok", "transient", "transient", "error", "timeout");
const outcomes = fc.oneof(
  { weight: 3, arbitrary: fc.constant([]) },
  { weight: 2, arbitrary: fc.array(outcome, { minLength: 1, maxLength: 3 }) },
);

/**
 * Forward steps may fail in any way. Compensations, status writes and events get only faults their
 * Retry absorbs: a compensation failing for good is the CompensationFailed path (a stuck saga that needs
 * a person, tested on its own), where these invariants do not hold by design.
 */
const faultPlan = fc.record(
  Object.fromEntries(
    taskStates.map((name) => [
      name,
      FORWARD.includes(name) ? outcomes : outcomes.filter((list) => recoverable(name, list)),
    ]),
  ),
  { requiredKeys: [] },
);

const scenario = fc.record({
  token: fc.constantFrom(...Array(6).fill("tok_visa"), "tok_chargeDeclined", "tok_processingError"),
  country: fc.constantFrom("DE", "DE", "DE", "DE", "DE", "US"),
  invalid: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  lines: fc.array(
    fc.record({ quantity: fc.integer({ min: 1, max: 3 }), extraStock: fc.integer({ min: -1, max: 6 }) }),
    { minLength: 1, maxLength: 2 },
  ),
  faults: faultPlan,
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

let runs = 0;
const paths = new Map<string, number>();
const succeededTotals = new Map<string, number>();

/** The order, its SKUs and their stock before it runs. */
async function prepare(s: Scenario) {
  runs += 1;
  const run = runs;
  const skus = s.lines.map((_, i) => `SKU-P${SEED.toString(36).toUpperCase()}-${run}-${i}`);
  const initial = new Map(
    s.lines.map((line, i) => [skus[i] as string, Math.max(0, line.quantity + line.extraStock)]),
  );
  await runtime.seedStock(
    Object.fromEntries([...initial].map(([sku, available]) => [sku, { available, price: PRICE }])),
  );
  const base = orderFor("unused", {
    items: s.lines.map((line, i) => ({ sku: skus[i], quantity: line.quantity })),
    payment: { token: s.token },
    ...(s.country === "US" && { shippingAddress: US_ADDRESS }),
    ...(s.invalid && { customer: { id: "cus_test", email: "not-an-email" } }),
  });
  const order = { ...base, orderId: `prop_${SEED}_${run}` };
  const quantities = new Map(s.lines.map((line, i) => [skus[i] as string, line.quantity]));
  return { order, initial, quantities };
}

function assertCompensationOrder(report: ExecutionReport): void {
  const positions = report.compensations.map((c) => report.states.indexOf(compensationOf.get(c) as string));
  // Every compensation undoes a step that ran, newest first.
  for (const position of positions) expect(position).toBeGreaterThanOrEqual(0);
  expect(positions).toEqual([...positions].sort((a, b) => b - a));
  expect(new Set(report.compensations).size).toBe(report.compensations.length);
}

async function runAndCheck(s: Scenario): Promise<void> {
  const { order, initial, quantities } = await prepare(s);
  const report = await runtime.start(order, { faults: s.faults });
  const ledger = await runtime.ledger(order.orderId);
  const reservation = await reservationOf(runtime, order.orderId);
  const context = `seed ${SEED}, order ${order.orderId}, faults ${JSON.stringify(s.faults)}, states ${report.states.join(">")}`;

  for (const [sku, level] of Object.entries(ledger.inventory)) {
    expect(level.available, `${context}: available of ${sku}`).toBeGreaterThanOrEqual(0);
    expect(level.reserved, `${context}: reserved of ${sku}`).toBeGreaterThanOrEqual(0);
  }
  expect(ledger.payments.length, context).toBeLessThanOrEqual(1);
  expect(ledger.events.length, `${context}: one outcome event`).toBe(1);
  assertCompensationOrder(report);

  if (report.status === "SUCCEEDED") {
    paths.set("succeeded", (paths.get("succeeded") ?? 0) + 1);
    expect(ledger.order?.status, context).toBe("COMPLETED");
    expect(reservation?.status, context).toBe("SHIPPED");
    expect(
      ledger.payments.map((p) => p.status),
      context,
    ).toEqual(["CAPTURED"]);
    expect(ledger.shipments, context).toHaveLength(1);
    for (const [sku, available] of initial) {
      expect(ledger.inventory[sku], context).toEqual({
        available: available - (quantities.get(sku) ?? 0),
        reserved: 0,
      });
    }
    const { amount } = (ledger.payments[0]?.amount ?? {}) as { amount?: number };
    succeededTotals.set(order.orderId, amount ?? Number.NaN);
  } else {
    const outcome = ledger.order?.status === "REJECTED" ? "rejected" : "failed";
    paths.set(outcome, (paths.get(outcome) ?? 0) + 1);
    expect(["REJECTED", "FAILED"], context).toContain(ledger.order?.status);
    expect([undefined, "RELEASED"], context).toContain(reservation?.status);
    expect(
      ledger.payments.filter((p) => p.status === "CAPTURED"),
      `${context}: no net charge`,
    ).toEqual([]);
    expect(ledger.shipments, context).toEqual([]);
    for (const [sku, available] of initial) {
      expect(ledger.inventory[sku], `${context}: stock of ${sku} restored`).toEqual({
        available,
        reserved: 0,
      });
    }
  }
  if (report.retries > 0) paths.set("with retries", (paths.get("with retries") ?? 0) + 1);
  if (report.compensations.length > 0) paths.set("compensated", (paths.get("compensated") ?? 0) + 1);
}

describe("saga invariants under random fault schedules", () => {
  it(`hold for ${RUNS} seeded schedules`, { timeout: 600_000 }, async () => {
    // Prepare
    console.info(
      `saga property: seed ${SEED}, ${RUNS} schedules; reproduce with ORDERFLOW_SAGA_SEED=${SEED}`,
    );
    const began = performance.now();

    // Act + Assess (every run asserts the invariants on its own ledger)
    await fc.assert(
      fc.asyncProperty(fc.array(scenario, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(batch.map(runAndCheck));
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / BATCH), endOnFailure: true },
    );

    // Assess: the schedules reached every kind of outcome, and money adds up across all orders
    console.info(
      `saga property: ${runs} schedules in ${Math.round(performance.now() - began)} ms; ${JSON.stringify(Object.fromEntries(paths))}`,
    );
    expect(runs).toBeGreaterThanOrEqual(RUNS);
    for (const path of ["succeeded", "rejected", "failed", "with retries", "compensated"]) {
      expect(paths.get(path) ?? 0, path).toBeGreaterThan(0);
    }
    const { Items = [] } = await runtime.clients.documents.send(
      new ScanCommand({ TableName: runtime.tables.payments }),
    );
    const captured = Items.filter((p) => p.status === "CAPTURED");
    expect(captured.map((p) => p.orderId).sort()).toEqual([...succeededTotals.keys()].sort());
    expect(captured.reduce((sum, p) => sum + p.amount.amount, 0)).toBe(
      [...succeededTotals.values()].reduce((a, b) => a + b, 0),
    );
  });
});
