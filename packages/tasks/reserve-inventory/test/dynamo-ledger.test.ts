import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import { dynamoReservationLedger } from "../src/dynamo-ledger";
import { holdStep, type ReservationRecord, returnStep } from "../src/reservation-record";
import { stockTables } from "../src/testing";

const db = await useLocalTables(["inventory", "reservations"]);
const tables = stockTables(db);
const ledger = dynamoReservationLedger(documentClient(), db.names);

const recordOf = (sku: string, heldLines: number): ReservationRecord => ({
  orderId: newOrderId(),
  items: [{ sku, quantity: 1 }],
  status: "HELD",
  createdAt: "2026-03-01T10:00:00.000Z",
  heldLines,
});

describe("dynamoReservationLedger on DynamoDB Local", () => {
  it("reports a first step for an order that has a record as stale, with the record as it is", async () => {
    // Prepare
    await tables.seed({ "LED-A": 5 });
    const existing = recordOf("LED-A", 1);
    await tables.putRecord(existing);

    // Act
    const result = await ledger.apply(holdStep({ ...existing, heldLines: 0 }, false));

    // Assess
    expect(result).toEqual({ outcome: "stale", current: existing });
    expect(await tables.stock(["LED-A"])).toEqual({ "LED-A": [5, 0] });
  });

  it("reports a step on a record that is gone as stale, with no record", async () => {
    // Prepare
    await tables.seed({ "LED-B": [4, 1] });

    // Act
    const result = await ledger.apply(
      returnStep(recordOf("LED-B", 1), "RELEASED", { deleteWhenEmpty: false }),
    );

    // Assess
    expect(result).toEqual({ outcome: "stale", current: undefined });
    expect(await tables.stock(["LED-B"])).toEqual({ "LED-B": [4, 1] });
  });

  it("refuses to return units a row does not hold as reserved, and changes nothing", async () => {
    // Prepare
    await tables.seed({ "LED-C": [5, 0] });
    const record = recordOf("LED-C", 1);
    await tables.putRecord(record);

    // Act
    const attempt = ledger.apply(returnStep(record, "RELEASED", { deleteWhenEmpty: false }));

    // Assess
    await expect(attempt).rejects.toThrow(
      `reservation ${record.orderId}: return refused (None,ConditionalCheckFailed); its inventory rows were changed by hand`,
    );
    expect(await tables.record(record.orderId)).toEqual(record);
    expect(await tables.stock(["LED-C"])).toEqual({ "LED-C": [5, 0] });
  });

  it("refuses a reservation row written without the held-lines bookkeeping", async () => {
    // Prepare
    const { heldLines: _, ...withoutHeldLines } = recordOf("LED-D", 1);
    await tables.putRecord(withoutHeldLines);

    // Act
    const attempt = ledger.get(withoutHeldLines.orderId);

    // Assess
    await expect(attempt).rejects.toThrow(/has no valid heldLines or items; fix the row by hand/);
  });
});
