import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { DynamoAction, TableName } from "@orderflow/domain";

type Input = Record<string, unknown>;
const ITEM_ACTIONS = {
  Put: "PutItem",
  Update: "UpdateItem",
  Delete: "DeleteItem",
  ConditionCheck: "ConditionCheckItem",
};

/** The `[table, action]` pairs IAM checks for one request: a transaction's contained actions, one by one. */
function actionsOf(command: string, input: Input): [string, string][] {
  if (command === "TransactWriteItems") {
    return ((input.TransactItems ?? []) as Record<string, { TableName: string }>[]).flatMap((item) =>
      Object.entries(item).map(([kind, { TableName }]): [string, string] => [
        TableName,
        ITEM_ACTIONS[kind as keyof typeof ITEM_ACTIONS] ?? kind,
      ]),
    );
  }
  if (command === "BatchGetItem" || command === "BatchWriteItem") {
    return Object.keys(input.RequestItems ?? {}).map((table) => [table, command]);
  }
  return [[String(input.TableName), command]];
}

/**
 * Watches the requests `client` sends and lists them as IAM authorises them: `table:Action` per table's
 * logical name (a TransactWriteItems as each action it contains). A test holds them against the task's
 * manifest, the grants its role gets, which DynamoDB Local does not check.
 */
export function sentActions(client: DynamoDBDocumentClient, names: Readonly<Record<TableName, string>>) {
  const logical = new Map(Object.entries(names).map(([name, physical]) => [physical, name]));
  const sent = new Set<string>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName).replace(/Command$/, "");
      for (const [table, action] of actionsOf(command, args.input as Input)) {
        sent.add(`${logical.get(table) ?? table}:${action}`);
      }
      return next(args);
    },
    { step: "initialize", name: "sentActions" },
  );
  return {
    /** Every `table:Action` sent so far, sorted. */
    all: () => [...sent].sort(),
    /** The sent `table:Action` pairs that `tables` (a manifest's) does not grant. */
    ungranted: (tables: Readonly<Partial<Record<TableName, readonly DynamoAction[]>>>) =>
      [...sent].filter((pair) => {
        const [table, action] = pair.split(":") as [TableName, DynamoAction];
        return !tables[table]?.includes(action);
      }),
  };
}
