/**
 * Local throughput of the order workflow: the real definition and handlers on DynamoDB Local, orders
 * placed sequentially and concurrently, transitions per path and what they cost on Step Functions.
 * Writes bench/results.json and prints a table. Run with `pnpm bench` (or `pnpm --filter @orderflow/cli bench`).
 */
import { writeFile } from "node:fs/promises";
import os from "node:os";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { DEMO_STOCK, type ExecutionReport, sampleOrder, startLocalRuntime } from "@orderflow/local";
import { DEMO_SCENARIOS } from "../src/demo-scenarios";
import { readableCause } from "../src/render/cause";
import { textTable } from "../src/render/table";
import { costPer1M, EXPRESS_ASSUMPTIONS } from "./cost";
import { percentile } from "./percentile";
import { countRequestsTo } from "./request-counter";

const ORDERS = Number(process.env.BENCH_ORDERS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARM_UP = 50;
const SKU = "SKU-BENCH";

const progress = (text: string) => process.stderr.write(`${text}\n`);

let serial = 0;
function benchOrder(): Record<string, unknown> {
  serial += 1;
  return sampleOrder({
    orderId: `bench_${process.pid}_${serial}`,
    customer: { id: "cus_bench", email: "bench@example.com" },
    items: [{ sku: SKU, quantity: 1 }],
  });
}

interface Run {
  readonly orders: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly ordersPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly succeeded: number;
  /** The first failed order's error: a benchmark of failing orders measures the wrong path. */
  readonly firstFailure?: string;
}

async function measure(
  start: (order: Record<string, unknown>) => Promise<ExecutionReport>,
  orders: number,
  concurrency: number,
): Promise<Run> {
  const latencies: number[] = [];
  let succeeded = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const began = performance.now();
  async function worker() {
    while (next < orders) {
      next += 1;
      const t0 = performance.now();
      const report = await start(benchOrder());
      latencies.push(performance.now() - t0);
      if (report.status === "SUCCEEDED") succeeded += 1;
      else firstFailure ??= `${report.error}: ${readableCause(report.cause)}`;
      if (latencies.length % 100 === 0) progress(`  ${latencies.length}/${orders}`);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - began) / 1000;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    orders,
    concurrency,
    seconds: round(seconds),
    ordersPerSecond: round(orders / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    succeeded,
    ...(firstFailure !== undefined && { firstFailure }),
  };
}

progress("starting DynamoDB Local and the workflow…");
const runtime = await startLocalRuntime({
  stock: { ...DEMO_STOCK, [SKU]: { available: 1_000_000, price: { amount: 1000, currency: "EUR" } } },
});
// Every DynamoDB (and stream) call is one HTTP request to DynamoDB Local: the requests the runtime and the
// handlers really send, counted on the wire, make the latency floor.
const requests = countRequestsTo(runtime.endpoint);
try {
  const start = (order: Record<string, unknown>) => runtime.start(order);
  progress(`warming up with ${WARM_UP} orders`);
  await measure(start, WARM_UP, 1);
  progress(`sequential: ${ORDERS} orders`);
  requests.reset();
  const sequential = await measure(start, ORDERS, 1);
  const requestsPerOrder = Math.round((requests.total() / ORDERS) * 10) / 10;
  const requestsByOperation = Object.fromEntries(
    [...requests.byOperation()].map(([operation, n]) => [operation, Math.round((n / ORDERS) * 10) / 10]),
  );
  requests.stop();

  progress("DynamoDB Local round trip (GetItem)");
  const rttStart = performance.now();
  const probes = 300;
  for (let i = 0; i < probes; i++) {
    await runtime.clients.dynamodb.send(
      new GetItemCommand({ TableName: runtime.tables.inventory, Key: { sku: { S: SKU } } }),
    );
  }
  const roundTripMs = Math.round(((performance.now() - rttStart) / probes) * 1000) / 1000;
  progress(`concurrent: ${ORDERS} orders, ${CONCURRENCY} at a time`);
  const concurrent = await measure(start, ORDERS, CONCURRENCY);
  const failure = sequential.firstFailure ?? concurrent.firstFailure;
  if (failure) throw new Error(`bench orders should all complete, but some failed: ${failure}`);

  progress("transitions per path");
  const paths = [];
  for (const scenario of DEMO_SCENARIOS) {
    const report = await runtime.start(
      { ...scenario.order, orderId: `${String(scenario.order.orderId)}_${process.pid}` },
      { faults: scenario.faults ?? {} },
    );
    paths.push({
      path: scenario.label,
      status: report.status,
      transitions: report.transitions,
      durationMs: report.durationMs,
      ...costPer1M(report.transitions, report.durationMs),
    });
  }

  const floorMs = Math.round(requestsPerOrder * roundTripMs * 100) / 100;
  const latencyRatio = Math.round((sequential.p50Ms / floorMs) * 100) / 100;
  const concurrencyRatio = Math.round((concurrent.ordersPerSecond / sequential.ordersPerSecond) * 100) / 100;
  const goals = {
    p50OverFloor: { goal: "<= 1.5", ratio: latencyRatio, met: latencyRatio <= 1.5 },
    concurrentOverSequential: {
      goal: `>= 3 (orders/s at ${CONCURRENCY} in flight / sequential)`,
      ratio: concurrencyRatio,
      met: concurrencyRatio >= 3,
    },
    ordersPerSecond: {
      goal: ">= 100",
      met: Math.max(sequential.ordersPerSecond, concurrent.ordersPerSecond) >= 100,
    },
    p99Ms: { goal: "<= 50 (sequential)", met: sequential.p99Ms <= 50 },
    happyPathTransitions: {
      goal: "<= 9",
      met: (paths.find((p) => p.path === "success")?.transitions ?? Number.POSITIVE_INFINITY) <= 9,
    },
  };
  const results = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", node: process.version },
    latency: "end to end per order: PENDING write plus the whole execution, measured around runtime.start()",
    dynamoDbLocal: {
      requestsPerOrder,
      requestsByOperation,
      roundTripMs,
      floorMs,
      note: "requests per happy-path order, counted on the wire during the sequential run (PENDING write, handlers, status writes, outbox stream reads), times the GetItem round trip of the same run is the latency floor",
    },
    sequential,
    concurrent,
    paths,
    assumptions: EXPRESS_ASSUMPTIONS,
    goals,
  };
  await writeFile(new URL("results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

  const fmt = (n: number) => n.toFixed(2);
  process.stdout.write(
    `\n${textTable(
      ["run", "orders", "concurrency", "orders/s", "p50 ms", "p99 ms", "succeeded"],
      [sequential, concurrent].map((r, i) => [
        i === 0 ? "sequential" : "concurrent",
        String(r.orders),
        String(r.concurrency),
        fmt(r.ordersPerSecond),
        fmt(r.p50Ms),
        fmt(r.p99Ms),
        String(r.succeeded),
      ]),
    )}\n\n${textTable(
      ["path", "status", "transitions", "ms", "Standard $/1M", "Express $/1M"],
      paths.map((p) => [
        p.path,
        p.status,
        String(p.transitions),
        fmt(p.durationMs),
        fmt(p.standardUsd),
        fmt(p.expressUsd),
      ]),
    )}\n\nDynamoDB Local: ${requestsPerOrder} requests per order, ${roundTripMs} ms per GetItem round trip, floor ${floorMs} ms\ngoals: ${Object.entries(
      goals,
    )
      .map(
        ([name, g]) => `${name} ${g.goal}: ${"ratio" in g ? `${g.ratio} ` : ""}${g.met ? "met" : "NOT met"}`,
      )
      .join("; ")}\nwritten to packages/cli/bench/results.json\n`,
  );
} finally {
  await runtime.stop();
}
