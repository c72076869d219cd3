/**
 * Local throughput of the order workflow: the real definition and handlers on DynamoDB Local, orders
 * placed sequentially and concurrently, transitions per path and what they cost on Step Functions.
 * Writes bench/results.json and prints a table. Run with `pnpm bench` (or `pnpm --filter @orderflow/cli bench`).
 */
import { writeFile } from "node:fs/promises";
import os from "node:os";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { startDynamoDbLocal } from "@orderflow/dynamodb-local";
import { DEMO_STOCK, sampleOrder, startLocalRuntime } from "@orderflow/local";
import { DEMO_SCENARIOS } from "../src/demo-scenarios";
import { textTable } from "../src/render/table";
import { costPer1M, EXPRESS_ASSUMPTIONS } from "./cost";
import { measureOrders, round2 } from "./measure-orders";
import { percentile } from "./percentile";
import { countRequestsTo } from "./request-counter";

const ORDERS = Number(process.env.BENCH_ORDERS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
// Both JITs (V8's and DynamoDB Local's JVM) are still compiling after a few hundred requests, and a
// compiling JVM takes a core from the engine: the measured runs start once both are warm.
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 400);
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

progress("starting DynamoDB Local and the workflow…");
const database = await startDynamoDbLocal();
try {
  await bench();
} finally {
  await database.stop();
}

async function bench() {
  const runtime = await startLocalRuntime({
    endpoint: database.endpoint,
    stock: { ...DEMO_STOCK, [SKU]: { available: 1_000_000, price: { amount: 1000, currency: "EUR" } } },
  });
  // Every DynamoDB (and stream) call is one HTTP request to DynamoDB Local: the requests the runtime and the
  // handlers really send, counted and timed on the wire, make the latency floor.
  const requests = countRequestsTo(runtime.endpoint);
  try {
    const run = (orders: number, concurrency: number, start = () => runtime.start(benchOrder())) =>
      measureOrders(start, { orders, concurrency, jvmPid: database.pid, progress });
    progress(`warming up with ${WARM_UP} orders`);
    await run(WARM_UP, CONCURRENCY);
    progress(`sequential: ${ORDERS} orders`);
    requests.reset();
    // One at a time, the requests on the wire while an order runs are its own (its requests never overlap:
    // each step waits for the one before), so each order has its own floor; their median meets the p50.
    const wirePerOrder: number[] = [];
    const sequential = await run(ORDERS, 1, async () => {
      const before = requests.wireMs();
      const report = await runtime.start(benchOrder());
      wirePerOrder.push(requests.wireMs() - before);
      return report;
    });
    const perOrder = (n: number) => Math.round((n / ORDERS) * 10) / 10;
    const requestsPerOrder = perOrder(requests.total());
    const floorMs = round2(percentile(wirePerOrder, 50));
    const requestsByOperation = Object.fromEntries(
      [...requests.byOperation()].map(([operation, tally]) => [
        operation,
        { perOrder: perOrder(tally.requests), wireMs: round2(tally.wireMs / tally.requests) },
      ]),
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
    const concurrent = await run(ORDERS, CONCURRENCY);
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

    const latencyRatio = round2(sequential.p50Ms / floorMs);
    const concurrencyRatio = round2(concurrent.ordersPerSecond / sequential.ordersPerSecond);
    // Node and the JVM share the machine's cores: no concurrency gets more orders per second than the cores
    // divided by the CPU one order takes on both sides.
    const cpus = os.cpus().length;
    const { node: nodeCpu, jvm: jvmCpu } = concurrent.cpuMsPerOrder;
    // Without the JVM's share (no /proc) there is no bound to state.
    const cpuPerOrder = jvmCpu === undefined ? undefined : nodeCpu + jvmCpu;
    const cpuBoundOrdersPerSecond =
      cpuPerOrder === undefined ? undefined : round2((cpus * 1000) / cpuPerOrder);
    const happy = paths.find((p) => p.path === "success");
    const goals = {
      p50OverFloor: { goal: "<= 1.5", ratio: latencyRatio, met: latencyRatio <= 1.5 },
      concurrentOverSequential: {
        goal: `>= 3 (orders/s at ${CONCURRENCY} in flight / sequential)`,
        ratio: concurrencyRatio,
        ...(cpuBoundOrdersPerSecond !== undefined && {
          ceiling: round2(cpuBoundOrdersPerSecond / sequential.ordersPerSecond),
        }),
        met: concurrencyRatio >= 3,
      },
      ordersPerSecond: {
        goal: ">= 100",
        met: Math.max(sequential.ordersPerSecond, concurrent.ordersPerSecond) >= 100,
      },
      p99Ms: { goal: "<= 50 (sequential)", met: sequential.p99Ms <= 50 },
      happyPathTransitions: { goal: "<= 6", met: (happy?.transitions ?? Number.POSITIVE_INFINITY) <= 6 },
    };
    const results = {
      generatedAt: new Date().toISOString(),
      machine: { cpus, cpuModel: os.cpus()[0]?.model ?? "unknown", node: process.version },
      latency:
        "end to end per order: PENDING write plus the whole execution, measured around runtime.start()",
      dynamoDbLocal: {
        requestsPerOrder,
        requestsByOperation,
        floorMs,
        roundTripMs,
        getItemFloorMs: round2(requestsPerOrder * roundTripMs),
        note: "the floor is the median, over the sequential run, of the time each order's own requests (PENDING write, handlers, status writes, outbox stream reads) were on the wire to DynamoDB Local: what the order would take if the engine, the handlers and the SDK cost nothing (one at a time its requests never overlap). getItemFloorMs prices every request as one GetItem round trip instead (through the SDK), which undercounts transactions",
      },
      ...(cpuPerOrder !== undefined && {
        cpuBound: {
          ordersPerSecond: cpuBoundOrdersPerSecond,
          cpuMsPerOrder: round2(cpuPerOrder),
          note: `${cpus} cores divided by the CPU one order took in the run at ${CONCURRENCY} in flight (node + DynamoDB Local's JVM): the most orders per second that CPU per order allows on this machine (CPU per order may differ at other concurrencies)`,
        },
      }),
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
      )}\n\nDynamoDB Local: ${requestsPerOrder} requests per order, floor ${floorMs} ms on the wire (GetItem round trip ${roundTripMs} ms)\n${cpuPerOrder === undefined ? "CPU per order: the JVM's could not be read" : `CPU per order at ${CONCURRENCY} in flight ${round2(cpuPerOrder)} ms (node + JVM): at most ${cpuBoundOrdersPerSecond} orders/s on ${cpus} cores`}\ngoals: ${Object.entries(
        goals,
      )
        .map(
          ([name, g]) =>
            `${name} ${g.goal}: ${"ratio" in g ? `${g.ratio} ` : ""}${g.met ? "met" : "NOT met"}`,
        )
        .join("; ")}\nwritten to packages/cli/bench/results.json\n`,
    );
  } finally {
    await runtime.stop();
  }
}
