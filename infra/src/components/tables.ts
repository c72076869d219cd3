import { type KeyAttribute, TABLE_NAMES, TABLES, type TableName, type TableSpec } from "@orderflow/domain";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TableRef } from "./function-statements";

export interface TablesArgs {
  /** Physical names are `<namePrefix><logicalName>`, e.g. `orderflow-dev-orders`. */
  readonly namePrefix: pulumi.Input<string>;
  /** Point-in-time recovery on every table. */
  readonly pointInTimeRecovery: pulumi.Input<boolean>;
  /** Deletion protection on every table. */
  readonly deletionProtection: pulumi.Input<boolean>;
}

/**
 * Every table of the domain's specs: on-demand, encrypted at rest, point-in-time recovery and deletion
 * protection as the stack configures them, keys and GSIs exactly as specified.
 *
 * @example
 * ```ts
 * const { tables } = new Tables("tables", {
 *   namePrefix: "orderflow-prod-",
 *   pointInTimeRecovery: true,
 *   deletionProtection: true,
 * }, { providers: [provider] });
 * // tables.orders.arn, tables.inventory.name, …
 * ```
 */
export class Tables extends pulumi.ComponentResource {
  /** Name and ARN of each table, by logical name. */
  readonly tables: Readonly<Record<TableName, TableRef>>;

  constructor(name: string, args: TablesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("orderflow:data:Tables", name, {}, opts);

    const tables = {} as Record<TableName, TableRef>;
    for (const logical of TABLE_NAMES) {
      const table = this.table(name, args, logical);
      tables[logical] = { name: table.name, arn: table.arn, streamArn: table.streamArn };
    }

    this.tables = tables;
    this.registerOutputs({ tables });
  }

  private table(name: string, args: TablesArgs, logical: TableName): aws.dynamodb.Table {
    return new aws.dynamodb.Table(
      `${name}-${logical}`,
      {
        name: pulumi.interpolate`${args.namePrefix}${logical}`,
        billingMode: "PAY_PER_REQUEST",
        ...keyDefinition(TABLES[logical]),
        serverSideEncryption: { enabled: true },
        pointInTimeRecovery: { enabled: args.pointInTimeRecovery },
        deletionProtectionEnabled: args.deletionProtection,
        ...(TABLES[logical].stream && { streamEnabled: true, streamViewType: TABLES[logical].stream }),
      },
      { parent: this },
    );
  }
}

/** Attributes, key schema and GSIs of a spec in the provider's shape. */
function keyDefinition(spec: TableSpec) {
  const attributes = new Map<string, KeyAttribute>();
  const keys = [spec.partitionKey, spec.sortKey, ...spec.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  for (const key of keys) if (key) attributes.set(key.name, key);
  return {
    hashKey: spec.partitionKey.name,
    ...(spec.sortKey && { rangeKey: spec.sortKey.name }),
    attributes: [...attributes.values()].map((a) => ({ name: a.name, type: a.type })),
    globalSecondaryIndexes: spec.indexes.map((index) => ({
      name: index.name,
      keySchemas: [
        { attributeName: index.partitionKey.name, keyType: "HASH" },
        ...(index.sortKey ? [{ attributeName: index.sortKey.name, keyType: "RANGE" }] : []),
      ],
      projectionType: "ALL",
    })),
  };
}
