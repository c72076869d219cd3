import { type FunctionManifest, TABLES, type TableName } from "@orderflow/domain";
import * as pulumi from "@pulumi/pulumi";
import type { StatementInput } from "../iam/policy-document";
import { LOG_STREAM_ACTIONS } from "../iam/wildcards";

/** A table as other resources refer to it. */
export interface TableRef {
  /** Physical name, passed to code as `<TABLE>_TABLE_NAME`. */
  readonly name: pulumi.Input<string>;
  /** What permissions are granted on. */
  readonly arn: pulumi.Input<string>;
  /** The table's change stream, when its spec has one (the orders table's outbox). */
  readonly streamArn?: pulumi.Input<string>;
}

/** Lambda's active tracing needs only these two of the X-Ray actions. */
const LAMBDA_XRAY_ACTIONS = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"] as const;

/**
 * The permissions a function's manifest asks for, and nothing else: exactly the declared DynamoDB actions
 * on exactly the declared tables (their indexes only when it declares Query), writing to its own log group,
 * and sending traces.
 */
export function functionStatements(
  manifest: FunctionManifest,
  tables: Readonly<Partial<Record<TableName, TableRef>>>,
  logGroupArn: pulumi.Input<string>,
): StatementInput[] {
  return [
    ...tableStatements(manifest, tables),
    {
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: [...LOG_STREAM_ACTIONS],
      Resource: [pulumi.interpolate`${logGroupArn}:log-stream:*`],
    },
    { Sid: "SendTraces", Effect: "Allow", Action: [...LAMBDA_XRAY_ACTIONS], Resource: ["*"] },
  ];
}

/**
 * Exactly the DynamoDB actions a manifest declares on exactly the tables it declares, plus the tables'
 * indexes only when it declares Query. Shared by functions and container tasks.
 */
export function tableStatements(
  manifest: FunctionManifest,
  tables: Readonly<Partial<Record<TableName, TableRef>>>,
): StatementInput[] {
  const statements: StatementInput[] = [];
  for (const [table, actions] of declaredTables(manifest)) {
    const ref = tables[table];
    if (ref === undefined)
      throw new Error(`function ${manifest.name} declares table ${table}, which is not deployed`);
    const sid = `DynamoDb${pascal(table)}`;
    statements.push({
      Sid: sid,
      Effect: "Allow",
      Action: actions.map((a) => `dynamodb:${a}`),
      Resource: [ref.arn],
    });
    const indexes = TABLES[table].indexes;
    if (actions.includes("Query") && indexes.length > 0) {
      statements.push({
        Sid: `${sid}Indexes`,
        Effect: "Allow",
        Action: ["dynamodb:Query"],
        Resource: indexes.map((index) => pulumi.interpolate`${ref.arn}/index/${index.name}`),
      });
    }
  }
  return statements;
}

/** The manifest's tables with their actions, in a stable order. */
export function declaredTables(manifest: FunctionManifest): [TableName, readonly string[]][] {
  return (Object.entries(manifest.tables) as [TableName, readonly string[] | undefined][])
    .filter((entry): entry is [TableName, readonly string[]] => entry[1] !== undefined && entry[1].length > 0)
    .sort(([a], [b]) => a.localeCompare(b));
}

function pascal(name: string): string {
  return name.replace(/(^|[-_])(\w)/g, (_, __, c: string) => c.toUpperCase());
}
