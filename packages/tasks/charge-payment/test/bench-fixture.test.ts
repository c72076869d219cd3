import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import fixture from "../bench/fixture.json" with { type: "json" };

await useLocalTables(["payments"]);
const { handler } = await import("../src/handler");

// biome-ignore lint/suspicious/noTemplateCurlyInString: the benchmark's literal placeholder, not a template
const PLACEHOLDER = "${ORDER_ID}";

describe("bench/fixture.json", () => {
  it("needs no seed and holds an event the handler charges, the way the benchmark runs it", async () => {
    // Prepare
    const orderId = newOrderId();
    const filled = JSON.parse(JSON.stringify(fixture).replaceAll(PLACEHOLDER, orderId)) as typeof fixture;

    // Act
    const charge = await handler(filled.event);

    // Assess
    expect(filled.seed).toEqual({});
    expect(charge).toMatchObject({ orderId, status: "CAPTURED" });
  });
});
