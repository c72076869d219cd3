import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it, vi } from "vitest";
import { dynamoReservationLedger, dynamoShippingLedger } from "../src/dynamo-ledger";
import { holdStep } from "../src/reservation-record";
import { shipStep } from "../src/ship-step";
import { recordOf } from "../testing";

// DynamoDB Local runs transactions one at a time, so it never cancels one as a TransactionConflict.
// These tests script the SDK's answers to cover how the ledgers read that cancellation, and that they
// let other failures through; everything else runs on DynamoDB Local (dynamo-ledger.test.ts).
function cancellation(...codes: string[]) {
  return Object.assign(new Error("Transaction cancelled"), {
    name: "TransactionCanceledException",
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

function clientAnswering(answer: Error) {
  const send = vi.fn(async () => {
    throw answer;
  });
  return { client: { send } as unknown as DynamoDBDocumentClient, send };
}

const tables = { reservations: "r", inventory: "i", shipments: "s" };
const firstShipStep = shipStep(recordOf(2, 2));
const shipment = {
  orderId: "ord_1",
  shipmentId: "shp_1",
  carrier: "DHL",
  trackingNumber: "DHL000000000001",
  status: "CREATED" as const,
  createdAt: "2030-01-01T00:00:00.000Z",
};

describe("the DynamoDB ledgers reading cancelled transactions", () => {
  it("answer contended when another transaction conflicted with a hold, for the retry loop to try again", async () => {
    // Prepare: record put, two stock rows
    const { client, send } = clientAnswering(cancellation("None", "TransactionConflict", "None"));

    // Act
    const result = await dynamoReservationLedger(client, tables).apply(holdStep(recordOf(2, 0), false));

    // Assess
    expect(result).toEqual({ outcome: "contended" });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("answer contended when another transaction conflicted with a ship step and its shipment", async () => {
    // Prepare: record update, shipment put, two stock rows
    const { client } = clientAnswering(cancellation("None", "None", "TransactionConflict", "None"));

    // Act
    const result =
      firstShipStep && (await dynamoShippingLedger(client, tables).apply(firstShipStep, shipment));

    // Assess
    expect(result).toEqual({ outcome: "contended" });
  });

  it("let errors other than a cancellation through unchanged", async () => {
    // Prepare
    const throttled = Object.assign(new Error("slow down"), {
      name: "ProvisionedThroughputExceededException",
    });
    const { client } = clientAnswering(throttled);

    // Act
    const attempt = dynamoReservationLedger(client, tables).apply(holdStep(recordOf(2, 0), false));

    // Assess
    await expect(attempt).rejects.toBe(throttled);
  });
});
