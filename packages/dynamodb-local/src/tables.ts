import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { type KeyAttribute, TABLES, type TableName, type TableSpec, tableEnvVar } from "@orderflow/domain";

/** The CreateTable request for a table spec (on-demand, like the deployed tables). */
export function createTableInput(spec: TableSpec, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, KeyAttribute>();
  const keys = [spec.partitionKey, spec.sortKey, ...spec.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  for (const key of keys) if (key) attributes.set(key.name, key);
  const keySchema = (partition: KeyAttribute, sort?: KeyAttribute) => [
    { AttributeName: partition.name, KeyType: "HASH" as const },
    ...(sort ? [{ AttributeName: sort.name, KeyType: "RANGE" as const }] : []),
  ];
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [...attributes.values()].map(
      (a): AttributeDefinition => ({ AttributeName: a.name, AttributeType: a.type }),
    ),
    KeySchema: keySchema(spec.partitionKey, spec.sortKey),
    ...(spec.indexes.length > 0 && {
      GlobalSecondaryIndexes: spec.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: "ALL" as const },
      })),
    }),
    ...(spec.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: spec.stream } }),
  };
}

export type TableNames = Readonly<Record<TableName, string>>;

/**
 * Creates the given tables as `<prefix><logicalName>` and returns the physical names of all tables. A table
 * that exists already (DynamoDB Local with a `dbPath`, started before) is kept as it is.
 */
export async function createTables(
  client: DynamoDBClient,
  prefix: string,
  tables: readonly TableName[] = Object.keys(TABLES) as TableName[],
): Promise<TableNames> {
  const names = Object.fromEntries(
    (Object.keys(TABLES) as TableName[]).map((t) => [t, `${prefix}${t}`]),
  ) as Record<TableName, string>;
  // A table that exists already is another runtime's in the same process sharing the prefix: it is the
  // same spec, so it is used as it is.
  const create = (t: TableName) =>
    client.send(new CreateTableCommand(createTableInput(TABLES[t], names[t]))).catch((error: Error) => {
      if (error.name !== "ResourceInUseException") throw error;
    });
  await Promise.all(tables.map(create));
  return names;
}

/** The `<TABLE>_TABLE_NAME` variables through which handlers learn the table names. */
export function tableEnv(names: TableNames): Record<string, string> {
  return Object.fromEntries(Object.entries(names).map(([t, name]) => [tableEnvVar(t as TableName), name]));
}
