import type { StateNode } from "../node";
import { RESOURCES } from "../resources";
import { task } from "../states";
import type { JsonObject, TaskState } from "../types";
import type { IntegrationOptions } from "./common";

/** DynamoDB attribute values in wire form: `{ S: "x" }`, or `{ "S.$": "$.path" }` from the state. */
export type AttributeValues = Readonly<Record<string, JsonObject>>;

/** A string attribute taken from the state (or context) at `path`. */
export function stringAt(path: string): JsonObject {
  return { "S.$": path };
}

/** A literal string attribute. */
export function stringValue(value: string): JsonObject {
  return { S: value };
}

interface ConditionalWrite {
  readonly conditionExpression?: string;
  readonly names?: Readonly<Record<string, string>>;
  readonly values?: AttributeValues;
}

function expressionFields({ conditionExpression, names, values }: ConditionalWrite): JsonObject {
  return {
    ...(conditionExpression !== undefined && { ConditionExpression: conditionExpression }),
    ...(names !== undefined && { ExpressionAttributeNames: { ...names } }),
    ...(values !== undefined && { ExpressionAttributeValues: { ...values } }),
  };
}

export interface UpdateItemOptions extends IntegrationOptions, ConditionalWrite {
  readonly tableName: string;
  readonly key: AttributeValues;
  readonly updateExpression: string;
  /** @default null (the DynamoDB response is dropped and the state passes on unchanged) */
  readonly resultPath?: string | null;
}

export function dynamoUpdateItem(name: string, options: UpdateItemOptions): StateNode<TaskState> {
  const { tableName, key, updateExpression, resultPath = null, ...rest } = options;
  const { conditionExpression, names, values, ...flow } = rest;
  return task(name, {
    ...flow,
    resource: RESOURCES.dynamoUpdateItem,
    parameters: {
      TableName: tableName,
      Key: { ...key },
      UpdateExpression: updateExpression,
      ...expressionFields({ conditionExpression, names, values } as ConditionalWrite),
    },
    resultPath,
  });
}

export interface GetItemOptions extends IntegrationOptions {
  readonly tableName: string;
  readonly key: AttributeValues;
  /** Picks the fields of the item (`$.Item.<name>.S`) to keep. */
  readonly resultSelector: JsonObject;
  readonly resultPath: string;
}

/** Reads one item, strongly consistent, with the direct DynamoDB integration. */
export function dynamoGetItem(name: string, options: GetItemOptions): StateNode<TaskState> {
  const { tableName, key, resultSelector, resultPath, ...flow } = options;
  return task(name, {
    ...flow,
    resource: RESOURCES.dynamoGetItem,
    parameters: { TableName: tableName, Key: { ...key }, ConsistentRead: true },
    resultSelector,
    resultPath,
  });
}
