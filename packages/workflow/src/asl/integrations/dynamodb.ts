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
