import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { InventoryContention } from "@orderflow/domain";
import { describe, expect, it, vi } from "vitest";
import { dynamoShipmentStore } from "../src/dynamo-store";

// DynamoDB Local runs transactions one at a time, so it never cancels one as a TransactionConflict. These
// tests script the SDK's answer to cover how the store treats that cancellation.
function cancellation(...codes: string[]) {
  return Object.assign(new Error("Transaction cancelled"), {
    name: "TransactionCanceledException",
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

function clientAnswering(answers: readonly (Error | undefined)[]) {
  let call = 0;
  const send = vi.fn(async () => {
    const answer = answers[Math.min(call++, answers.length - 1)];
    if (answer) throw answer;
    return {};
  });
  return { client: { send } as unknown as DynamoDBDocumentClient, send };
}

const tables = { shipments: "s", reservations: "r", inventory: "i" };
const batch = [
  { sku: "MUG-BLUE", quantity: 1 },
  { sku: "TEA-1", quantity: 2 },
];

describe("the DynamoDB shipment store under transaction conflicts", () => {
  it("retries a batch cancelled only by conflicts, and succeeds once the rows are free", async () => {
    // Prepare
    const conflict = cancellation("None", "TransactionConflict", "None");
    const { client, send } = clientAnswering([conflict, conflict, undefined]);

    // Act
    const outcome = await dynamoShipmentStore(client, tables).handOverBatch("ord_1", 1, batch);

    // Assess
    expect(outcome).toEqual({ ok: true });
    expect(send).toHaveBeenCalledTimes(3);
  });

  it("gives up with InventoryContention, which the workflow retries, when conflicts persist", async () => {
    // Prepare
    const { client, send } = clientAnswering([cancellation("TransactionConflict", "None", "None")]);

    // Act
    const attempt = dynamoShipmentStore(client, tables).handOverBatch("ord_1", 1, batch);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(InventoryContention);
    expect(send).toHaveBeenCalledTimes(4);
  });

  it("reports a failed stock condition as STOCK_SHORT even when another action conflicted", async () => {
    // Prepare
    const { client } = clientAnswering([
      cancellation("None", "TransactionConflict", "ConditionalCheckFailed"),
    ]);

    // Act
    const outcome = await dynamoShipmentStore(client, tables).handOverBatch("ord_1", 1, batch);

    // Assess
    expect(outcome).toEqual({ ok: false, refused: "STOCK_SHORT", skus: ["TEA-1"] });
  });

  it("lets other errors through unchanged", async () => {
    // Prepare
    const throttled = Object.assign(new Error("slow down"), {
      name: "ProvisionedThroughputExceededException",
    });
    const { client } = clientAnswering([throttled]);

    // Act
    const attempt = dynamoShipmentStore(client, tables).handOverBatch("ord_1", 1, batch);

    // Assess
    await expect(attempt).rejects.toBe(throttled);
  });
});
