import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chargeOf, type PaymentRowStatus, readPaymentRecord } from "../src/payment-record";

const base = {
  orderId: "ord_1",
  customerId: "cus_1",
  amount: { amount: 1250, currency: "EUR" },
  createdAt: "2030-01-01T00:00:00.000Z",
};

/** What each status needs beyond `orderId` and `status`: the row format's contract, written out. */
const REQUIRED: Readonly<Record<PaymentRowStatus, readonly string[]>> = {
  PENDING: ["customerId", "amount", "createdAt"],
  AUTHORIZED: ["customerId", "amount", "createdAt", "chargeId"],
  CAPTURED: ["customerId", "amount", "createdAt", "chargeId"],
  DECLINED: ["customerId", "amount", "createdAt", "declineReason"],
  VOIDED: ["voidedAt"],
  REFUNDED: ["customerId", "amount", "createdAt", "chargeId", "refundId", "refundedAt"],
};
const STATUSES = Object.keys(REQUIRED) as PaymentRowStatus[];

/** The error `readPaymentRecord` throws for `row`, or undefined when it reads it. */
function refusal(row: Record<string, unknown>): Error | undefined {
  try {
    readPaymentRecord(row);
  } catch (thrown) {
    return thrown as Error;
  }
}

const fieldValues = {
  customerId: fc.string(),
  amount: fc.record({
    amount: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
    currency: fc.constantFrom("EUR", "USD", "JPY"),
  }),
  createdAt: fc.string(),
  chargeId: fc.string(),
  declineReason: fc.string(),
  voidedAt: fc.string(),
  refundId: fc.string(),
  refundedAt: fc.string(),
};
type Field = keyof typeof fieldValues;

/** Any row a status allows: its required fields, and for a VOIDED row any of what it may carry over. */
const validRow = fc.constantFrom(...STATUSES).chain((status) => {
  const required = REQUIRED[status] as Field[];
  const optional: Field[] = status === "VOIDED" ? ["customerId", "amount", "createdAt", "chargeId"] : [];
  const fields = Object.fromEntries([...required, ...optional].map((field) => [field, fieldValues[field]]));
  return fc
    .record(
      { orderId: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), status: fc.constant(status), ...fields },
      { requiredKeys: ["orderId", "status", ...required] as never },
    )
    .map((row) => row as Record<string, unknown> & { orderId: string; status: PaymentRowStatus });
});

describe("readPaymentRecord", () => {
  it.each([
    { ...base, status: "PENDING" },
    { ...base, status: "AUTHORIZED", chargeId: "ch_1" },
    { ...base, status: "CAPTURED", chargeId: "ch_1" },
    { ...base, status: "DECLINED", declineReason: "card_declined" },
    { orderId: "ord_1", status: "VOIDED", voidedAt: "2030-01-02T00:00:00.000Z" },
    { ...base, status: "VOIDED", chargeId: "ch_1", voidedAt: "2030-01-02T00:00:00.000Z" },
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

  it("reads every row its status allows as it is", () => {
    fc.assert(
      fc.property(validRow, (row) => {
        // Act / Assess
        expect(readPaymentRecord(row)).toEqual(row);
      }),
    );
  });

  it("refuses every row missing a field its status needs, with a plain Error naming the field", () => {
    const missing = validRow.chain((row) =>
      fc.constantFrom("orderId", "status", ...REQUIRED[row.status]).map((field) => ({ row, field })),
    );
    fc.assert(
      fc.property(missing, ({ row, field }) => {
        // Prepare
        const { [field]: _, ...broken } = row;

        // Act
        const error = refusal(broken);

        // Assess
        expect(error?.name).toBe("Error");
        expect(error?.message).toMatch(/^payments row for order .* is malformed: /);
        expect(error?.message).toMatch(
          field === "orderId" || field === "status"
            ? `${field}: is required`
            : `(root): ${field} is required for ${row.status}`,
        );
      }),
    );
  });

  it.each([
    [{ ...base, status: "SETTLED", chargeId: "ch_1" }, "status: Invalid type"],
    [
      { ...base, amount: { amount: 12.5, currency: "EUR" }, status: "CAPTURED", chargeId: "ch_1" },
      "amount.amount:",
    ],
    [{ ...base, orderId: "has spaces", status: "PENDING" }, "orderId:"],
  ])("refuses a row that does not fit, naming the problem (%#)", (row, problem) => {
    // Act
    const error = refusal(row);

    // Assess
    expect(error?.name).toBe("Error");
    expect(error?.message).toContain(problem);
  });
});

describe("chargeOf", () => {
  it("is the Charge the workflow sees: the captured record without the customer", () => {
    // Act
    const charge = chargeOf({ ...base, status: "CAPTURED", chargeId: "ch_1" });

    // Assess
    expect(charge).toStrictEqual({
      orderId: "ord_1",
      chargeId: "ch_1",
      amount: base.amount,
      status: "CAPTURED",
      createdAt: base.createdAt,
    });
  });
});
