import type { ExecutionReport } from "@orderflow/local";
import { readableCause } from "../src/render/cause";
import { startCpuMeter } from "./cpu-meter";
import { percentile } from "./percentile";

/** One measured run of orders at a fixed concurrency. */
export interface Run {
  readonly orders: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly ordersPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly succeeded: number;
  /** CPU per order: this process (engine, handlers, SDK) and DynamoDB Local's JVM. */
  readonly cpuMsPerOrder: { readonly node: number; readonly jvm?: number };
  /** The first failed order's error: a benchmark of failing orders measures the wrong path. */
  readonly firstFailure?: string;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Places `orders` orders, `concurrency` at a time, each awaited to its end, and measures them. */
export async function measureOrders(
  start: () => Promise<ExecutionReport>,
  options: { orders: number; concurrency: number; jvmPid: number | undefined; progress: (s: string) => void },
): Promise<Run> {
  const { orders, concurrency } = options;
  const latencies: number[] = [];
  let succeeded = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const cpu = startCpuMeter(options.jvmPid);
  const began = performance.now();
  async function worker() {
    while (next < orders) {
      next += 1;
      const t0 = performance.now();
      const report = await start();
      latencies.push(performance.now() - t0);
      if (report.status === "SUCCEEDED") succeeded += 1;
      else firstFailure ??= `${report.error}: ${readableCause(report.cause)}`;
      if (latencies.length % 100 === 0) options.progress(`  ${latencies.length}/${orders}`);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - began) / 1000;
  const spent = cpu();
  return {
    orders,
    concurrency,
    seconds: round2(seconds),
    ordersPerSecond: round2(orders / seconds),
    p50Ms: round2(percentile(latencies, 50)),
    p99Ms: round2(percentile(latencies, 99)),
    succeeded,
    cpuMsPerOrder: {
      node: round2(spent.nodeMs / orders),
      ...(spent.jvmMs !== undefined && { jvm: round2(spent.jvmMs / orders) }),
    },
    ...(firstFailure !== undefined && { firstFailure }),
  };
}
