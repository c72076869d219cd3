import { newOrderId, RefundPaymentInput } from "@orderflow/domain";
import { readPaymentRecord } from "@orderflow/task-charge-payment/payment-record";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import fixture from "../bench/fixture.json" with { type: "json" };

// biome-ignore lint/suspicious/noTemplateCurlyInString: the benchmark's literal placeholder, not a template
const PLACEHOLDER = "${ORDER_ID}";
const orderId = newOrderId();
const filled = JSON.parse(JSON.stringify(fixture).replaceAll(PLACEHOLDER, orderId)) as typeof fixture;

describe("bench/fixture.json", () => {
  it("holds a valid handler event once the order id placeholder is filled in", () => {
    // Act
    const result = v.safeParse(RefundPaymentInput, filled.event);

    // Assess
    expect(result.issues).toBeUndefined();
  });

  it("seeds a captured payment of that order, so the benchmark exercises a real refund", () => {
    // Act
    const records = filled.seed.payments.map(readPaymentRecord);

    // Assess
    expect(records).toEqual([expect.objectContaining({ orderId, status: "CAPTURED" })]);
  });
});
