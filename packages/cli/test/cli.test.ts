import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type {} from "@orderflow/dynamodb-local/vitest";
import { DEMO_STOCK, type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from "@orderflow/local";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runOrderflow } from "./run-orderflow";

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
// Biome refuses to keep a broken JSON file in the tree, so it is written at run time.
const brokenJson = join(tmpdir(), `orderflow-broken-${randomUUID()}.json`);
writeFileSync(brokenJson, '{ "items": [ ');

// One runtime for the file (handlers bind their tables once per process); each command "starts" it
// with its own stock and its stop() leaves it running.
let shared: Promise<LocalRuntime> | undefined;
async function startRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  shared ??= startLocalRuntime({
    endpoint: inject("dynamoDbLocalEndpoint"),
    tablePrefix: `cli${randomUUID().slice(0, 8)}-`,
    stock: {},
  });
  const runtime = await shared;
  await runtime.seedStock(options.stock ?? DEMO_STOCK);
  return { ...runtime, stop: async () => undefined };
}
afterAll(async () => (await shared)?.stop());

const orderflow = (...argv: string[]) => runOrderflow(argv, { startRuntime });

describe("orderflow run", () => {
  it("prints exactly one JSON document of the contracted shape with --json", async () => {
    // Prepare
    const args = ["--input", fixture("order-without-id.json"), "--inventory", fixture("stock.json")];

    // Act
    const { code, stdout, stderr } = await orderflow(
      "run",
      ...args,
      "--faults",
      fixture("faults-retried.json"),
      "--json",
    );
    const document = JSON.parse(stdout);

    // Assess
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(Object.keys(document).sort()).toEqual(
      [
        "cause",
        "durationMs",
        "error",
        "ledger",
        "output",
        "states",
        "status",
        "transitions",
        "violations",
      ].sort(),
    );
    expect(Object.keys(document.ledger).sort()).toEqual([
      "events",
      "inventory",
      "order",
      "payments",
      "shipments",
    ]);
    expect(document).toMatchObject({
      status: "SUCCEEDED",
      error: null,
      cause: null,
      // The happy path's 5 states, and the 2 retried attempts of the fault plan.
      transitions: 5 + 2,
      states: ["ValidateOrder", "ReserveInventory", "ChargePayment", "CreateShipment", "MarkCompleted"],
      violations: [],
      ledger: {
        order: { status: "COMPLETED", orderId: expect.stringMatching(/^ord_/) },
        inventory: { "SKU-CLI-LAMP": { available: 2, reserved: 0 } },
        payments: [{ status: "CAPTURED", amount: { amount: 7500, currency: "EUR" } }],
        shipments: [{ status: "CREATED", trackingNumber: expect.any(String) }],
        events: [
          {
            detailType: "OrderCompleted",
            detail: expect.objectContaining({ orderId: document.ledger.order.orderId }),
          },
        ],
      },
    });
    expect(document.durationMs).toBeGreaterThan(0);
  });

  it("completes an order whose every shipment answer was lost: one shipment, one capture, no refund", async () => {
    // Prepare: CreateShipment ships on its first attempt and every answer, retries included, is lost.
    const args = ["--input", fixture("order-without-id.json"), "--inventory", fixture("stock.json")];

    // Act
    const { code, stdout } = await orderflow(
      "run",
      ...args,
      "--faults",
      fixture("faults-shipment-lost.json"),
      "--json",
    );
    const document = JSON.parse(stdout);

    // Assess: the release found the order shipped, so it completed and nothing went back.
    expect(code).toBe(0);
    expect(document).toMatchObject({
      status: "SUCCEEDED",
      violations: [],
      ledger: {
        order: { status: "COMPLETED" },
        inventory: { "SKU-CLI-LAMP": { available: 2, reserved: 0 } },
        payments: [{ status: "CAPTURED", amount: { amount: 7500, currency: "EUR" } }],
        shipments: [{ status: "CREATED", trackingNumber: expect.any(String) }],
        events: [{ detailType: "OrderCompleted" }],
      },
    });
    expect(document.states).toContain("GetShipment");
    expect(document.states).not.toContain("RefundPayment");
    expect(JSON.stringify(document.output)).not.toContain("tok_visa");
  });

  it.each([
    [
      "a missing file",
      ["--input", "does-not-exist.json"],
      /--input does-not-exist\.json: cannot read the file: no such file/,
    ],
    [
      "a file that is not JSON",
      ["--input", brokenJson],
      /--input .*orderflow-broken-.*\.json: not valid JSON/,
    ],
    [
      "stock that breaks the format",
      ["--input", fixture("order-without-id.json"), "--inventory", fixture("stock-negative.json")],
      /--inventory .*stock-negative\.json: SKU-CLI-LAMP\.available: must not be negative/,
    ],
    [
      "a fault plan naming an unknown state",
      ["--input", fixture("order-without-id.json"), "--faults", fixture("faults-unknown-state.json")],
      /unknown state "ChargeCard"; valid states: ValidateOrder, .*RefundPayment/,
    ],
    ["no --input", [], /--input <order\.json> is required/],
    ["an unknown option", ["--input", fixture("order-without-id.json"), "--fast"], /Unknown option '--fast'/],
  ])("exits 2 with one line on stderr for %s", async (_, args, message) => {
    // Act
    const { code, stdout, stderr } = await orderflow("run", ...args);

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("exits non-zero with one clear line as a real process", () => {
    // Prepare
    const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));

    // Act
    const result = spawnSync("tsx", [cli, "run", "--input", "nope.json"], { encoding: "utf8" });

    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd()).toBe(
      "orderflow run: --input nope.json: cannot read the file: no such file",
    );
  });
});

describe("orderflow demo", () => {
  it("runs the sample orders down every path and sums them up in a table", async () => {
    // Act
    const { code, stdout, stderr } = await orderflow("demo");
    const table = stdout.slice(stdout.lastIndexOf("scenario"));
    const row = (label: string) => table.split("\n").find((line) => line.startsWith(`${label} `)) ?? "";

    // Assess
    expect(code).toBe(0);
    expect(stderr).toMatch(/\[9\/9\] compensation-retried/);
    expect(row("success")).toMatch(/SUCCEEDED\s+COMPLETED\s+5\s+0\s+-/);
    expect(row("invalid-order")).toMatch(/FAILED\s+REJECTED\s+ValidationError/);
    expect(row("out-of-stock")).toMatch(/FAILED\s+REJECTED\s+OutOfStock/);
    expect(row("payment-declined")).toMatch(
      /FAILED\s+FAILED\s+PaymentDeclined.*ReleaseInventory → RefundPayment/,
    );
    expect(row("not-served")).toMatch(
      /FAILED\s+REJECTED\s+ValidationError: invalid order: shippingAddress\.country/,
    );
    expect(row("shipment-failed")).toMatch(/FAILED\s+FAILED\s.*ReleaseInventory → RefundPayment/);
    expect(row("shipped-after-all")).toMatch(/SUCCEEDED\s+COMPLETED\s+\d+\s+\d+\s+ReleaseInventory\s/);
    expect(row("transient-retried")).toMatch(/SUCCEEDED\s+COMPLETED\s+\d+\s+3\s/);
    expect(row("compensation-retried")).toMatch(/FAILED\s+FAILED\s.*\s3\s+ReleaseInventory → RefundPayment/);
    // Every scenario keeps every invariant (money, goods, records, compensation).
    const rows = table
      .split("\n")
      .slice(2)
      .filter((line) => line.trim() !== "");
    expect(rows).toHaveLength(9);
    for (const line of rows) expect(line, line).toMatch(/\s0\s+[\d.]+$/);
  });
});

describe("orderflow asl, graph and help", () => {
  it("prints the definition with local references as JSON", async () => {
    // Act
    const { code, stdout } = await orderflow("asl");
    const definition = JSON.parse(stdout);

    // Assess
    expect(code).toBe(0);
    expect(definition.StartAt).toBe("ValidateOrder");
    expect(definition.States.ChargePayment.Parameters.FunctionName).toMatch(
      /^arn:aws:lambda:.*:function:orderflow-local-ChargePayment$/,
    );
  });

  it("prints the Mermaid graph", async () => {
    // Act
    const { code, stdout } = await orderflow("graph");

    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(/ChargePayment/);
    expect(stdout).toMatch(/RefundPayment/);
  });

  it("names the commands when given an unknown one", async () => {
    // Act
    const { code, stderr } = await orderflow("deploy");

    // Assess
    expect(code).toBe(2);
    expect(stderr).toBe(
      'orderflow: unknown command "deploy"; commands: demo, run, dev, token, start, reconcile, preflight, rollout, asl, graph\n',
    );
  });
});
