/**
 * DynamoDB table specs, defined once: infra declares `aws.dynamodb.Table`s from them and the local
 * runtime issues CreateTable on DynamoDB Local from them.
 */

export type KeyType = "S" | "N";

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

export interface IndexSpec {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableSpec {
  /** Logical name; physical names are `<prefix><logicalName>` (e.g. `orderflow-dev-orders`). */
  readonly logicalName: TableName;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes: readonly IndexSpec[];
}

export const TABLE_NAMES = [
  "orders",
  "inventory",
  "reservations",
  "payments",
  "shipments",
  "gateway",
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const TABLES: Readonly<Record<TableName, TableSpec>> = {
  orders: {
    logicalName: "orders",
    partitionKey: { name: "orderId", type: "S" },
    // Lets a customer-facing view list one customer's orders newest first.
    indexes: [
      {
        name: "byCustomer",
        partitionKey: { name: "customerId", type: "S" },
        sortKey: { name: "createdAt", type: "S" },
      },
    ],
  },
  inventory: { logicalName: "inventory", partitionKey: { name: "sku", type: "S" }, indexes: [] },
  reservations: { logicalName: "reservations", partitionKey: { name: "orderId", type: "S" }, indexes: [] },
  payments: { logicalName: "payments", partitionKey: { name: "orderId", type: "S" }, indexes: [] },
  shipments: { logicalName: "shipments", partitionKey: { name: "orderId", type: "S" }, indexes: [] },
  // The sandbox payment provider's own books, one row per charge key: what a real provider keeps on its side.
  gateway: { logicalName: "gateway", partitionKey: { name: "chargeKey", type: "S" }, indexes: [] },
};

/** The environment variable through which a function learns a table's physical name. */
export function tableEnvVar(table: TableName): string {
  return `${table.toUpperCase()}_TABLE_NAME`;
}

export const EVENT_BUS_ENV_VAR = "EVENT_BUS_NAME";
