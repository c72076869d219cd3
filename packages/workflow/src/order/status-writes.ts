import { EVENT_OF_STATUS, type OrderStatus } from "@orderflow/domain";
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
import { STATUS_WRITE_RETRY } from "./retries";
import { SERVICE_TASK_TIMEOUT_SECONDS } from "./timeouts";

/** What a terminal status write records beside the status: the order's announced outcome. */
export type StatusWrite =
  | { readonly status: "COMPLETED" }
  | {
      readonly status: "REJECTED" | "FAILED" | "NEEDS_ATTENTION";
      /** Path of the caught `{Error, Cause}` that decided the outcome. */
      readonly failure: string;
      /** Path of `{ <state>: {Error, Cause} }`: the steps a person must settle. */
      readonly incomplete?: string;
    };

interface Expression {
  readonly sets: string[];
  readonly names: Record<string, string>;
  readonly values: Record<string, JsonObject>;
}

function setting(expression: Expression, attribute: string, value: JsonObject): void {
  expression.names[`#${attribute}`] = attribute;
  expression.values[`:${attribute}`] = value;
  expression.sets.push(`#${attribute} = :${attribute}`);
}

/** The outcome's own attributes: what the order's event is built from. */
function outcomeAttributes(expression: Expression, write: StatusWrite): void {
  if (write.status === "COMPLETED") {
    setting(expression, "trackingNumber", stringAt("$.shipment.trackingNumber"));
    setting(expression, "total", {
      M: { amount: { "N.$": "States.JsonToString($.total.amount)" }, currency: stringAt("$.total.currency") },
    });
    return;
  }
  setting(expression, "error", stringAt(`${write.failure}.Error`));
  setting(expression, "cause", stringAt(`${write.failure}.Cause`));
  if (write.incomplete)
    setting(expression, "incomplete", { "S.$": `States.JsonToString(${write.incomplete})` });
}

/**
 * Moves the order's item in the orders table to a terminal status with the direct DynamoDB integration,
 * and with it the order's event: the item is the outbox. The write sets `eventType` and the event's
 * detail beside the status, and the orders table's stream publishes the event (EventBridge Pipes in AWS,
 * the local runtime's pipe locally), so the status and the event can never disagree and no state of the
 * workflow publishes anything itself.
 *
 * The condition lets only a PENDING order move, or one with no item yet. It also accepts the target
 * status itself, so a retry after a write whose answer was lost (a timeout included) finds its own write.
 */
export function statusWrite(
  name: string,
  refs: WorkflowRefs,
  write: StatusWrite & { readonly catch: readonly Catcher[]; readonly comment: string },
): StateNode<TaskState> {
  const expression: Expression = {
    sets: ["#updatedAt = :now", "#createdAt = if_not_exists(#createdAt, :now)"],
    names: { "#orderId": "orderId", "#updatedAt": "updatedAt", "#createdAt": "createdAt" },
    values: { ":pending": stringValue("PENDING"), ":now": stringAt("$$.State.EnteredTime") },
  };
  setting(expression, "status", stringValue(write.status));
  setting(
    expression,
    "eventType",
    stringValue(EVENT_OF_STATUS[write.status satisfies Exclude<OrderStatus, "PENDING">]),
  );
  outcomeAttributes(expression, write);
  return dynamoUpdateItem(name, {
    comment: write.comment,
    tableName: refs.tableNames.orders,
    key: { orderId: stringAt("$.orderId") },
    updateExpression: `SET ${expression.sets.join(", ")}`,
    conditionExpression: "attribute_not_exists(#orderId) OR #status IN (:pending, :status)",
    names: expression.names,
    values: expression.values,
    timeoutSeconds: SERVICE_TASK_TIMEOUT_SECONDS,
    retry: STATUS_WRITE_RETRY,
    catch: write.catch,
  });
}
