import { describe, expect, it } from "vitest";
import {
  CONTAINER_TIMEOUTS,
  defineTask,
  IDEMPOTENT_TIMEOUTS,
  type LambdaTaskManifest,
  type RetryableErrorName,
  TRANSIENT_TASK_ERRORS,
} from "../src";

const manifest = {
  name: "probe",
  stateName: "Probe",
  kind: "lambda",
  description: "A manifest for type checks.",
  memoryMb: 256,
  timeoutSeconds: 5,
  tables: {},
  env: {},
  retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
  errors: [],
  retryableErrors: [],
} as const satisfies LambdaTaskManifest;

describe("a task manifest's error names", () => {
  it("keeps the listed names as literals, the shared timeouts spread in", () => {
    // Act
    const task = defineTask({
      ...manifest,
      errors: ["OutOfStock"],
      retryableErrors: ["InventoryContention", ...IDEMPOTENT_TIMEOUTS],
    });

    // Assess
    expect(task.errors).toEqual(["OutOfStock"]);
    expect(task.retryableErrors).toEqual(["InventoryContention", "States.Timeout", "Sandbox.Timedout"]);
  });

  it("accepts every transient task error and timeout as retryable", () => {
    // Prepare
    const all: readonly RetryableErrorName[] = [
      ...TRANSIENT_TASK_ERRORS,
      ...IDEMPOTENT_TIMEOUTS,
      ...CONTAINER_TIMEOUTS,
    ];

    // Act
    const task = defineTask({ ...manifest, retryableErrors: all });

    // Assess
    expect(task.retryableErrors).toContain("ShipmentHandoverIncomplete");
    expect(task.retryableErrors).toContain("States.HeartbeatTimeout");
  });

  // The checks that matter here are the compiler's: each @ts-expect-error fails `tsc` once the misspelt
  // name type-checks, so a typo in a real manifest cannot reach the workflow.
  it("refuses a misspelt business error or retryable error name at compile time", () => {
    // Act
    const misspelt = [
      // @ts-expect-error "OutOfStok" is not a business error.
      defineTask({ ...manifest, errors: ["OutOfStok"] }),
      // @ts-expect-error "InventoryContension" is not a retryable error.
      defineTask({ ...manifest, retryableErrors: ["InventoryContension"] }),
      // @ts-expect-error a business error is never retryable.
      defineTask({ ...manifest, retryableErrors: ["PaymentDeclined"] }),
    ];

    // Assess: defineTask itself checks nothing at run time; the manifests pass through as written.
    expect(misspelt.map((task) => [...task.errors, ...task.retryableErrors])).toEqual([
      ["OutOfStok"],
      ["InventoryContension"],
      ["PaymentDeclined"],
    ]);
  });
});
