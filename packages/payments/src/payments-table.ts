/** The payments table (key `orderId`): one row per order, its current state (see `PaymentRecord`). */
import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { putUnlessPresent, readRow, writeIf } from "@orderflow/task-kit";
import type { PaymentLedger } from "./ledger";
import { readPaymentRecord } from "./payment-record";

export function dynamoPaymentLedger(client: DynamoDBDocumentClient, tableName: string): PaymentLedger {
  return {
    async get(orderId) {
      const row = await readRow(client, tableName, { orderId });
      return row ? readPaymentRecord(row) : undefined;
    },
    async putFirst(record) {
      const outcome = await putUnlessPresent(client, { tableName, key: "orderId", item: record });
      return outcome.written ? outcome : { written: false, existing: readPaymentRecord(outcome.row) };
    },
    move(orderId, from, to, fields = {}) {
      const names = Object.keys(fields);
      const allowed = Object.fromEntries(from.map((status, i) => [`:from${i}`, status]));
      return writeIf(
        client,
        new UpdateCommand({
          TableName: tableName,
          Key: { orderId },
          UpdateExpression: `SET #status = :to${names.map((name) => `, #${name} = :${name}`).join("")}`,
          ConditionExpression: `#status IN (${Object.keys(allowed).join(", ")})`,
          ExpressionAttributeNames: {
            "#status": "status",
            ...Object.fromEntries(names.map((name) => [`#${name}`, name])),
          },
          ExpressionAttributeValues: {
            ":to": to,
            ...allowed,
            ...Object.fromEntries(names.map((name) => [`:${name}`, fields[name]])),
          },
        }),
      );
    },
  };
}
