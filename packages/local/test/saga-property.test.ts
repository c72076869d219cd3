/**
 * The saga invariants under random fault schedules, through the real definition, the real handlers and
 * DynamoDB Local, with CreateShipment both as a Lambda and as a container. Every outcome of the fault
 * model can hit every Task state. Seeded and reproducible: the seed is printed; rerun one with
 * ORDERFLOW_SAGA_SEED=<seed>. ORDERFLOW_SAGA_RUNS sets how many schedules run (default 2,000). The count
 * of each state × outcome is written to bench/saga-coverage.json.
 */
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { lambdaTask } from "@orderflow/task-create-shipment/task";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import fc from "fast-check";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { ExecutionReport } from "../src/runtime/execution";
import { FAULT_OUTCOMES, type FaultOutcome } from "../src/runtime/fault-plan";
import { type LocalRuntime, startLocalRuntime } from "../src/runtime/runtime";
import { orderFor, PRICE, US_ADDRESS } from "./support";

const SEED = Number(process.env.ORDERFLOW_SAGA_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.ORDERFLOW_SAGA_RUNS ?? 2000);
/** Orders of one batch run concurrently (their SKUs and ids are their own). */
const BATCH = 10;
const COVERAGE_FILE = new URL("../bench/saga-coverage.json", import.meta.url);

// Both kinds of CreateShipment, on the same tables: one process serves one set of tables.
const tablePrefix = `p${randomUUID().slice(0, 8)}-`;
const common = { endpoint: inject("dynamoDbLocalEndpoint"), tablePrefix, stock: {} };
const runtimes = {
  container: await startLocalRuntime(common),
  lambda: await startLocalRuntime({
    ...common,
    tasks: WORKFLOW_TASKS.map((t) => (t.stateName === lambdaTask.stateName ? lambdaTask : t)),
  }),
};
afterAll(async () => {
  await runtimes.lambda.stop();
  await runtimes.container.stop();
});
const taskStates = runtimes.container.faultableStates;

const FAULTS = FAULT_OUTCOMES.filter((o) => o !== "ok");
const outcome = fc.oneof(
  { weight: 2, arbitrary: fc.constant<FaultOutcome>("ok") },
  { weight: 7, arbitrary: fc.constantFrom(...FAULTS) },
);
const outcomes = fc.array(outcome, { minLength: 1, maxLength: 5 });

/**
 * Every schedule aims at one state, so that every state meets every outcome, the rare ones included: the
 * order is valid and the states before the target run clean, a route of faults leads it there when only a
 * failure does (the shipment's recovery, the compensations, a compensation that gives up), the target gets
 * a random list of outcomes, and every state after it may get one too.
 */
const GIVE_UP = Array<FaultOutcome>(12).fill("error");
const ROUTES: Readonly<
  Record<
    string,
    { readonly route: Readonly<Record<string, readonly FaultOutcome[]>>; readonly invalid?: true }
  >
> = {
  GetShipment: { route: { CreateShipment: ["crash"] } },
  ReleaseInventory: { route: { ChargePayment: ["error"] } },
  RefundPayment: { route: { ChargePayment: ["error"] } },
  MarkFailed: { route: { ChargePayment: ["error"] } },
  MarkNeedsAttention: { route: { ChargePayment: ["error"], RefundPayment: GIVE_UP } },
  MarkRejected: { route: {}, invalid: true },
};

const scenario = fc
  .record({
    kind: fc.constantFrom("lambda", "container") as fc.Arbitrary<keyof typeof runtimes>,
    target: fc.constantFrom(...taskStates),
    targetOutcomes: outcomes,
    later: fc.record(Object.fromEntries(taskStates.map((name) => [name, outcomes])), { requiredKeys: [] }),
    // Now and then the order itself fails: a declined card, a provider outage, stock short, an address we
    // do not serve; the schedule then runs wherever that leads.
    token: fc.constantFrom(...Array(10).fill("tok_visa"), "tok_chargeDeclined", "tok_processingError"),
    country: fc.constantFrom(...Array(11).fill("DE"), "US"),
    lines: fc.array(
      fc.record({ quantity: fc.integer({ min: 1, max: 3 }), extraStock: fc.integer({ min: -1, max: 6 }) }),
      { minLength: 1, maxLength: 2 },
    ),
  })
  .map(({ target, targetOutcomes, later, ...rest }) => {
    const after = taskStates.slice(taskStates.indexOf(target) + 1);
    const faults = {
      ...Object.fromEntries(after.flatMap((state) => (later[state] ? [[state, later[state]]] : []))),
    };
    const routed = ROUTES[target];
    return {
      ...rest,
      invalid: routed?.invalid ?? false,
      faults: { ...faults, ...routed?.route, [target]: targetOutcomes },
    };
  });
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

let runs = 0;
const paths = new Map<string, number>();
const coverage = new Map<string, number>();
const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Seeds the scenario's SKUs and starts its order. */
async function start(
  s: Scenario,
): Promise<{ runtime: LocalRuntime; report: ExecutionReport; context: string }> {
  const run = ++runs;
  const runtime = runtimes[s.kind];
  const skus = s.lines.map((_, i) => `SKU-P${SEED.toString(36).toUpperCase()}-${run}-${i}`);
  await runtime.seedStock(
    Object.fromEntries(
      skus.map((sku, i) => [
        sku,
        { available: Math.max(0, (s.lines[i]?.quantity ?? 0) + (s.lines[i]?.extraStock ?? 0)), price: PRICE },
      ]),
    ),
  );
  const order = {
    ...orderFor("unused", {
      items: s.lines.map((line, i) => ({ sku: skus[i], quantity: line.quantity })),
      payment: { token: s.token },
      ...(s.country === "US" && { shippingAddress: US_ADDRESS }),
      ...(s.invalid && { customer: { id: "cus_test", email: "not-an-email" } }),
    }),
    orderId: `prop_${SEED}_${run}`,
  };
  const report = await runtime.start(order, { faults: s.faults });
  const context = `seed ${SEED}, ${s.kind}, order ${order.orderId}, faults ${JSON.stringify(s.faults)}, states ${report.states.join(">")}`;
  return { runtime, report, context };
}

async function runBatch(batch: readonly Scenario[]): Promise<void> {
  const started = await Promise.all(batch.map(start));
  // The reconciler's pass, as its schedule would run it: orders whose status write gave up get it now.
  const everyExecution = () => [...runtimes.lambda.executions(), ...runtimes.container.executions()];
  await runtimes.lambda.reconcile({ olderThanMinutes: 0 }, everyExecution);
  await runtimes.container.reconcile({ olderThanMinutes: 0 }, everyExecution);
  for (const { runtime, report, context } of started) {
    for (const fault of report.faults) count(coverage, `${fault.state} ${fault.outcome}`);
    count(paths, report.states.at(-1) ?? "?");
    expect(await runtime.violations(report), context).toEqual([]);
  }
}

describe("saga invariants under random fault schedules", () => {
  it(`hold for ${RUNS} seeded schedules over every outcome, CreateShipment as Lambda and container`, {
    timeout: 300_000,
  }, async () => {
    // Prepare
    console.info(
      `saga property: seed ${SEED}, ${RUNS} schedules; reproduce with ORDERFLOW_SAGA_SEED=${SEED}`,
    );
    const began = performance.now();

    // Act + Assess (every run asserts the invariants on what it left behind)
    await fc.assert(fc.asyncProperty(fc.array(scenario, { minLength: BATCH, maxLength: BATCH }), runBatch), {
      seed: SEED,
      numRuns: Math.ceil(RUNS / BATCH),
      endOnFailure: true,
    });

    // Assess: every state met every outcome often enough to count, and every ending was reached
    const seconds = Math.round((performance.now() - began) / 100) / 10;
    const table = Object.fromEntries(
      taskStates.map((state) => [
        state,
        Object.fromEntries(FAULTS.map((o) => [o, coverage.get(`${state} ${o}`) ?? 0])),
      ]),
    );
    await writeFile(
      COVERAGE_FILE,
      `${JSON.stringify({ seed: SEED, schedules: runs, seconds, endings: Object.fromEntries(paths), coverage: table }, null, 2)}\n`,
    );
    console.info(
      `saga property: ${runs} schedules in ${seconds} s; endings ${JSON.stringify(Object.fromEntries(paths))}`,
    );
    expect(runs).toBeGreaterThanOrEqual(RUNS);
    const thin = Object.entries(table).flatMap(([state, row]) =>
      Object.entries(row)
        .filter(([, hits]) => hits < 20)
        .map(([o, hits]) => `${state} ${o}: ${hits}`),
    );
    expect(thin, "state × outcome pairs hit fewer than 20 times").toEqual([]);
    for (const ending of ["MarkCompleted", "Rejected", "Failed", "NeedsAttention"]) {
      expect(paths.get(ending) ?? 0, ending).toBeGreaterThan(0);
    }
  });
});
