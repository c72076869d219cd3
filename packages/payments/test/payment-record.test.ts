import { describe, expect, it } from "vitest";
import { readPaymentRecord } from "../src/payment-record";

const base = {
  orderId: "ord_1",
  customerId: "cus_1",
  amount: { amount: 1250, currency: "EUR" },
  createdAt: "2030-01-01T00:00:00.000Z",
};

describe("readPaymentRecord", () => {
  it.each([
    { ...base, status: "PENDING" },
    { ...base, status: "CAPTURED", chargeId: "ch_1" },
    { ...base, status: "DECLINED", declineReason: "card_declined" },
    {
      ...base,
      status: "REFUNDED",
      chargeId: "ch_1",
      refundId: "re_1",
      refundedAt: "2030-01-02T00:00:00.000Z",
    },
  ])("reads a well-formed $status row as it is", (row) => {
    // Act
    const record = readPaymentRecord(row);

    // Assess
    expect(record).toEqual(row);
  });

  it.each([
    [{ ...base, status: "CAPTURED" }, "chargeId is required for CAPTURED"],
    [{ ...base, status: "DECLINED" }, "declineReason is required for DECLINED"],
    [
      { ...base, status: "REFUNDED", chargeId: "ch_1", refundId: "re_1" },
      "refundedAt is required for REFUNDED",
    ],
    [{ ...base, status: "SETTLED", chargeId: "ch_1" }, "status: Invalid type"],
    [
      { ...base, amount: { amount: 12.5, currency: "EUR" }, status: "CAPTURED", chargeId: "ch_1" },
      "amount.amount:",
    ],
  ])("refuses a malformed row with a plain Error naming the problem (%#)", (row, problem) => {
    // Act
    const error = (() => {
      try {
        readPaymentRecord(row);
      } catch (thrown) {
        return thrown as Error;
      }
    })();

    // Assess
    expect(error?.name).toBe("Error");
    expect(error?.message).toMatch(/^payments row for order ord_1 is malformed: /);
    expect(error?.message).toContain(problem);
  });
});
