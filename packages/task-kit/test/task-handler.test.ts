import { Logger } from "@aws-lambda-powertools/logger";
import { OutOfStock, ReleaseInventoryInput, ValidationError } from "@orderflow/domain";
import { describe, expect, it, vi } from "vitest";
import { taskHandler } from "../src";
import { captureLogs } from "../testing";

function capturingLogger() {
  const logs = captureLogs();
  const logger = new Logger({ serviceName: "test", logLevel: "DEBUG" });
  return { logger, lines: () => logs.records() };
}

describe("taskHandler", () => {
  it("passes the parsed input without the correlation id to the core", async () => {
    const { logger, lines } = capturingLogger();
    const run = vi.fn(async (input: { orderId: string }) => ({ echoed: input }));
    const handler = taskHandler({ logger, input: ReleaseInventoryInput, run });
    const result = await handler({ orderId: "ord_1", executionId: "arn:exec:1" });
    vi.restoreAllMocks();
    expect(run).toHaveBeenCalledWith({ orderId: "ord_1" });
    expect(result).toEqual({ echoed: { orderId: "ord_1" } });
    expect(lines().at(-1)).toMatchObject({
      message: "task succeeded",
      orderId: "ord_1",
      executionId: "arn:exec:1",
    });
  });

  it("turns a malformed input into a ValidationError naming the field, without running the core", async () => {
    const { logger } = capturingLogger();
    const run = vi.fn();
    const handler = taskHandler({ logger, input: ReleaseInventoryInput, run });
    const failure = handler({ orderId: "has spaces" });
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    await expect(failure).rejects.toThrow(/orderId: must be/);
    await expect(handler(undefined)).rejects.toThrow(/orderId: is required/);
    vi.restoreAllMocks();
    expect(run).not.toHaveBeenCalled();
  });

  it("lets business errors through under their own name", async () => {
    const { logger, lines } = capturingLogger();
    const handler = taskHandler({
      logger,
      input: ReleaseInventoryInput,
      run: async () => {
        throw new OutOfStock([{ sku: "SKU-1", requested: 2, available: 1 }]);
      },
    });
    await expect(handler({ orderId: "ord_1" })).rejects.toMatchObject({ name: "OutOfStock" });
    vi.restoreAllMocks();
    expect(lines().at(-1)).toMatchObject({ level: "WARN", errorName: "OutOfStock" });
  });

  it("logs an unexpected error with its stack and lets it through with the stack cut to name and message", async () => {
    // Prepare
    const { logger, lines } = capturingLogger();
    const handler = taskHandler({
      logger,
      input: ReleaseInventoryInput,
      run: async () => {
        throw new TypeError("cannot read the reservation");
      },
    });

    // Act
    const thrown = await handler({ orderId: "ord_1" }).catch((error: unknown) => error as Error);
    vi.restoreAllMocks();

    // Assess: the Node.js runtime's Cause is {errorType, errorMessage, trace: stack.split("\n")}
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown.stack?.split("\n")).toEqual(["TypeError: cannot read the reservation"]);
    const logged = lines().at(-1);
    expect(logged).toMatchObject({ level: "ERROR", errorName: "TypeError" });
    expect(JSON.stringify(logged)).toMatch(/at .*task-handler\.test\.ts/);
  });

  it("keeps a business error's name and message and drops its trace", async () => {
    // Prepare
    const { logger } = capturingLogger();
    const handler = taskHandler({
      logger,
      input: ReleaseInventoryInput,
      run: async () => {
        throw new OutOfStock([{ sku: "SKU-1", requested: 2, available: 1 }]);
      },
    });

    // Act
    const thrown = await handler({ orderId: "ord_1" }).catch((error: unknown) => error as Error);
    vi.restoreAllMocks();

    // Assess
    expect(thrown.stack).toBe("OutOfStock: not enough stock: SKU-1 requested 2, available 1");
  });

  it("throws something that is not an Error as an Error, so the runtime reports its text", async () => {
    // Prepare
    const { logger } = capturingLogger();
    const handler = taskHandler({
      logger,
      input: ReleaseInventoryInput,
      run: async () => {
        throw "the ledger is gone";
      },
    });

    // Act
    const thrown = await handler({ orderId: "ord_1" }).catch((error: unknown) => error);
    vi.restoreAllMocks();

    // Assess
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).toMatchObject({
      name: "Error",
      message: "the ledger is gone",
      stack: "Error: the ledger is gone",
    });
  });
});
