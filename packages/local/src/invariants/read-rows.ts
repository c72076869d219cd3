import { BatchGetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Row } from "@orderflow/task-kit";

/** One row to read: the table and the row's whole primary key. */
export interface RowKey {
  readonly table: string;
  readonly key: Readonly<Record<string, string>>;
}

const matches = (row: Row, key: RowKey["key"]) =>
  Object.entries(key).every(([name, value]) => row[name] === value);

/**
 * The rows under `keys`, in their order (undefined where there is none), read strongly consistent in one
 * BatchGetItem: an invariant check reads one row from each of several tables, and one round trip instead
 * of one per table is what makes thousands of checks affordable.
 */
export async function readRows(
  documents: DynamoDBDocumentClient,
  keys: readonly RowKey[],
): Promise<(Row | undefined)[]> {
  const found: { readonly table: string; readonly row: Row }[] = [];
  let pending: Record<string, { Keys: Record<string, string>[]; ConsistentRead: true }> | undefined = {};
  for (const { table, key } of keys) {
    pending[table] ??= { Keys: [], ConsistentRead: true };
    pending[table].Keys.push({ ...key });
  }
  while (pending && Object.keys(pending).length > 0) {
    const answer = await documents.send(new BatchGetCommand({ RequestItems: pending }));
    for (const [table, rows] of Object.entries(answer.Responses ?? {}))
      found.push(...rows.map((row) => ({ table, row })));
    pending = answer.UnprocessedKeys as typeof pending;
  }
  // Rows of different tables may share a key, so a row is matched within its own table's answer.
  return keys.map(({ table, key }) => found.find((f) => f.table === table && matches(f.row, key))?.row);
}
