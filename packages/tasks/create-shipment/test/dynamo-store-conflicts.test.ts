import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it, vi } from "vitest";
import { dynamoShipmentStore } from "../src/dynamo-store";
import { shipStep } from "../src/ship-step";
import { heldRecord } from "./doubles";

// DynamoDB Local runs transactions one at a time, so it never cancels one as a TransactionConflict, and
// the protocol never lets a shipment exist beside a HELD record. These tests script the SDK's answers to
// cover how the store reads those cancellations; everything else runs on DynamoDB Local elsewhere.
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

const tables = { shipments: "s", reservations: "r", inventory: "i" };
const record = heldRecord("ord_1", [
  { sku: "MUG-BLUE", quantity: 1 },
  { sku: "TEA-1", quantity: 2 },
]);
const firstStep = shipStep(record) ?? { from: undefined, to: undefined };
const shipment = {
  orderId: "ord_1",
  shipmentId: "shp_1",
  carrier: "DHL",
  trackingNumber: "DHL000000000001",
  status: "CREATED" as const,
  createdAt: "2030-01-01T00:00:00.000Z",
};

describe("the DynamoDB shipment store reading cancelled transactions", () => {
  it("answers contended when another transaction conflicted, for the retry loop to try again", async () => {
    // Prepare: record update, shipment put, two stock rows
    const { client, send } = clientAnswering(cancellation("None", "None", "TransactionConflict", "None"));

    // Act
    const result = await dynamoShipmentStore(client, tables).ship(firstStep, shipment);

    // Assess
    expect(result).toEqual({ outcome: "contended" });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("refuses to go on when the order has a shipment while its record is still HELD", async () => {
    // Prepare
    const { client } = clientAnswering(cancellation("None", "ConditionalCheckFailed", "None", "None"));

    // Act
    const attempt = dynamoShipmentStore(client, tables).ship(firstStep, shipment);

    // Assess
    await expect(attempt).rejects.toThrow(
      "order ord_1: shipping was refused (None,ConditionalCheckFailed,None,None); its rows were changed outside the reservation protocol",
    );
  });

  it("lets errors other than a cancellation through unchanged", async () => {
    // Prepare
    const throttled = Object.assign(new Error("slow down"), {
      name: "ProvisionedThroughputExceededException",
    });
    const { client } = clientAnswering(throttled);

    // Act
    const attempt = dynamoShipmentStore(client, tables).ship(firstStep, shipment);

    // Assess
    await expect(attempt).rejects.toBe(throttled);
  });
});
