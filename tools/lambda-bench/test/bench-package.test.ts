import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { defineFunction } from "@orderflow/domain";
import { ORDER_ID_PLACEHOLDER } from "@orderflow/dynamodb-local/bench-fixture";
import { describe, expect, it } from "vitest";
import { type BenchEnvironment, benchPackage } from "../src/bench-package";
import type { LambdaPackage } from "../src/discover";

const RUNS = 2;
const bench: BenchEnvironment = {
  dynamoDbEndpoint: "http://127.0.0.1:1",
  sfnEndpoint: "http://127.0.0.1:1",
  sesEndpoint: "http://127.0.0.1:1",
  tableNames: { orders: "o", inventory: "i", reservations: "r", payments: "p", shipments: "s", gateway: "g" },
  documents: {} as DynamoDBDocumentClient,
  runs: RUNS,
  warmup: 1,
  progress: () => {},
};

/** A package whose bundle is `handlerSource`, invoked with an event carrying the order id placeholder. */
function lambdaWith(handlerSource: string): LambdaPackage {
  const dir = mkdtempSync(join(tmpdir(), "lambda-bench-pkg-"));
  mkdirSync(join(dir, "dist"));
  writeFileSync(join(dir, "dist", "handler.mjs"), handlerSource);
  return {
    name: "@o/probe",
    dir,
    path: "packages/probe",
    bundle: join(dir, "dist", "handler.mjs"),
    fixture: { event: { orderId: ORDER_ID_PLACEHOLDER }, seed: {} },
    manifest: defineFunction({
      name: "probe",
      description: "",
      memoryMb: 128,
      timeoutSeconds: 3,
      tables: {},
      env: {},
    }),
  };
}

describe("benchPackage", () => {
  it("measures each kind the given number of times, with the handler's phases, sizes and ratios", async () => {
    // Prepare: the handler proves it got a filled-in event
    const pkg = lambdaWith(
      `export const handler = async (e) => { if (!/^ord_/.test(e.orderId)) throw new Error("no id"); return { statusCode: 202 }; };\n`,
    );

    // Act
    const result = await benchPackage(pkg, bench);

    // Assess
    const { handlerInvoke, ...wholeProcessesAndImport } = result.coldStartMs;
    for (const summary of Object.values(wholeProcessesAndImport)) {
      expect(summary.samples).toHaveLength(RUNS);
      expect(summary.min).toBeGreaterThan(0);
    }
    // This handler does no I/O: its invocation may round to 0 ms.
    expect(handlerInvoke.samples).toHaveLength(RUNS);
    expect(handlerInvoke.min).toBeGreaterThanOrEqual(0);
    expect(result.sdkModules).toEqual([]);
    expect(result.bundle.rawBytes).toBeGreaterThan(50);
    expect(result.bundle.gzipBytes).toBeGreaterThan(0);
    expect(result.ratios.handlerToBareNode).toBeCloseTo(
      result.coldStartMs.handler.median / result.coldStartMs.bareNode.median,
      1,
    );
    expect(result.meetsGoals.bundle).toBe(true);
  });

  it("sizes the bundle with the chunks it imports statically, not with those it loads lazily", async () => {
    // Prepare
    const pkg = lambdaWith(
      `import { ok } from "./chunks/shared.mjs";\nexport const handler = async () => ({ statusCode: ok, lazy: () => import("./chunks/lazy.mjs") });\n`,
    );
    mkdirSync(join(pkg.dir, "dist", "chunks"));
    const shared = "export const ok = 200;\n";
    writeFileSync(join(pkg.dir, "dist", "chunks", "shared.mjs"), shared);
    writeFileSync(join(pkg.dir, "dist", "chunks", "lazy.mjs"), `export const big = "${"x".repeat(5000)}";\n`);

    // Act
    const { bundle } = await benchPackage(pkg, bench);

    // Assess
    const handlerBytes = readFileSync(pkg.bundle).byteLength;
    expect(bundle.files).toEqual([
      { path: join("dist", "handler.mjs"), rawBytes: handlerBytes },
      { path: join("dist", "chunks", "shared.mjs"), rawBytes: shared.length },
    ]);
    expect(bundle.rawBytes).toBe(handlerBytes + shared.length);
  });

  it("stops with the child's error when the handler throws", async () => {
    // Prepare
    const pkg = lambdaWith(`export const handler = async () => { throw new Error("table missing"); };\n`);

    // Act
    const run = benchPackage(pkg, bench);

    // Assess
    await expect(run).rejects.toThrow(/packages\/probe: handler process exited with 1:[\s\S]*table missing/);
  });

  it("stops when the handler answers with an HTTP error status", async () => {
    // Prepare
    const pkg = lambdaWith(`export const handler = async () => ({ statusCode: 415, body: "" });\n`);

    // Act
    const run = benchPackage(pkg, bench);

    // Assess
    await expect(run).rejects.toThrow("packages/probe: the fixture's invocation answered 415");
  });
});
