import { ChargePaymentInput, newOrderId } from "@orderflow/domain";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import fixture from "../bench/fixture.json" with { type: "json" };
import { task } from "../src/task";

// biome-ignore lint/suspicious/noTemplateCurlyInString: the benchmark's literal placeholder, not a template
const PLACEHOLDER = "${ORDER_ID}";
const filled = JSON.parse(JSON.stringify(fixture).replaceAll(PLACEHOLDER, newOrderId())) as typeof fixture;

describe("bench/fixture.json", () => {
  it("holds a valid handler event once the order id placeholder is filled in", () => {
    // Act
    const result = v.safeParse(ChargePaymentInput, filled.event);

    // Assess
    expect(result.issues).toBeUndefined();
  });

  it("seeds only tables the task declares", () => {
    // Act
    const seeded = Object.keys(filled.seed);

    // Assess
    for (const table of seeded) expect(Object.keys(task.tables)).toContain(table);
  });
});
