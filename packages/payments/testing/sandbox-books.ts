import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { LocalTables } from "@orderflow/dynamodb-local/vitest";
import { readRow } from "@orderflow/task-kit";
import type { SandboxCharge, SandboxLedger } from "../src/sandbox-gateway";

/**
 * The sandbox provider's books (the `gateway` table) of one test file: where the sandbox gateway keeps
 * them, and direct access for arranging and auditing what the provider holds, took and gave back.
 */
export function sandboxBooks(db: LocalTables) {
  const client = DynamoDBDocumentClient.from(db.client);
  const TableName = db.names.gateway;
  const get = async (chargeKey: string) =>
    (await readRow(client, TableName, { chargeKey })) as SandboxCharge | undefined;
  return {
    /** What `sandboxGateway` needs to keep its books here. */
    ledger: { client, tableName: TableName } satisfies SandboxLedger,
    /** Writes a charge as it is, to arrange a state at the provider. */
    put: (Item: SandboxCharge) => client.send(new PutCommand({ TableName, Item })),
    get,
    /** Captured minus refunded, in minor units: what the provider took from the customer for the charge. */
    async net(chargeKey: string): Promise<number> {
      const charge = await get(chargeKey);
      return charge?.status === "CAPTURED" ? charge.amount.amount : 0;
    },
  };
}
