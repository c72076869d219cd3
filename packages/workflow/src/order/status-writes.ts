import type { OrderStatus } from "@orderflow/domain";
import {
  type Catcher,
  dynamoUpdateItem,
  type JsonObject,
  type StateNode,
  stringAt,
  stringValue,
  type TaskState,
} from "../asl";
import type { WorkflowRefs } from "../refs";
import { DYNAMODB_RETRY } from "./retries";
import { SERVICE_TASK_TIMEOUT_SECONDS } from "./timeouts";

export interface StatusWrite {
  readonly status: Exclude<OrderStatus, "PENDING">;
  /** Path of the caught `{Error, Cause}` that decided the outcome; stored as `error` and `cause`. */
  readonly failure?: string;
  /** Path of a compensation's `{Error, Cause}`; stored as `compensationError` and `compensationCause`. */
  readonly compensationFailure?: string;
  readonly catch: readonly Catcher[];
  readonly comment: string;
}

/**
 * Moves the order's item in the orders table to a terminal status with the direct DynamoDB
 * integration. The condition lets only a PENDING order move, or one with no item yet (an execution
 * started without the API). It also accepts the target status itself: a retry after a write whose
 * response was lost would otherwise fail its own condition.
 */
export function statusWrite(name: string, refs: WorkflowRefs, write: StatusWrite): StateNode<TaskState> {
  const names: Record<string, string> = {
    "#orderId": "orderId",
    "#status": "status",
    "#updatedAt": "updatedAt",
    "#createdAt": "createdAt",
  };
  const values: Record<string, JsonObject> = {
    ":status": stringValue(write.status),
    ":pending": stringValue("PENDING"),
    ":now": stringAt("$$.State.EnteredTime"),
  };
  const sets = ["#status = :status", "#updatedAt = :now", "#createdAt = if_not_exists(#createdAt, :now)"];
  const record = (attribute: string, path: string) => {
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = stringAt(path);
    sets.push(`#${attribute} = :${attribute}`);
  };
  if (write.failure) {
    record("error", `${write.failure}.Error`);
    record("cause", `${write.failure}.Cause`);
  }
  if (write.compensationFailure) {
    record("compensationError", `${write.compensationFailure}.Error`);
    record("compensationCause", `${write.compensationFailure}.Cause`);
  }
  return dynamoUpdateItem(name, {
    comment: write.comment,
    tableName: refs.tableNames.orders,
    key: { orderId: stringAt("$.orderId") },
    updateExpression: `SET ${sets.join(", ")}`,
    conditionExpression: "attribute_not_exists(#orderId) OR #status IN (:pending, :status)",
    names,
    values,
    timeoutSeconds: SERVICE_TASK_TIMEOUT_SECONDS,
    retry: DYNAMODB_RETRY,
    catch: write.catch,
  });
}
