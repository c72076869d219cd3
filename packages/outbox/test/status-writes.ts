import { UpdateItemCommand, type UpdateItemCommandInput } from "@aws-sdk/client-dynamodb";
import { orderWorkflow, sampleRefs } from "@orderflow/workflow";
import type { TaskState } from "@orderflow/workflow/asl";

/** What an execution carries when it reaches a status write, as far as the writes read it. */
export const EXECUTION_STATE = {
  total: { amount: 42.5, currency: "EUR" },
  shipment: { trackingNumber: "TRK-1" },
  error: { Error: "PaymentDeclined", Cause: 'card "declined"' },
  incomplete: { RefundPayment: { Error: "Gateway.Unavailable", Cause: "down" } },
};

function at(path: string, state: Record<string, unknown>): unknown {
  const value = path
    .replace(/^\$\$?\./, "")
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], state);
  if (value === undefined) throw new Error(`the status write reads ${path}, which the test's state lacks`);
  return value;
}

/** The `.$` fields of a state's Parameters, filled from `state` (paths and States.JsonToString only). */
function fill(node: unknown, state: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => fill(item, state));
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (!key.endsWith(".$")) return [key, fill(value, state)];
      const expression = String(value);
      const inner = /^States\.JsonToString\((.+)\)$/.exec(expression)?.[1];
      return [key.slice(0, -2), inner ? JSON.stringify(at(inner, state)) : at(expression, state)];
    }),
  );
}

/**
 * The workflow's own status write `stateName` (from the real definition) for `orderId`, as the
 * UpdateItem request Step Functions would send on `tableName`.
 */
export function statusWriteOf(stateName: string, orderId: string, tableName: string): UpdateItemCommand {
  const state = orderWorkflow(sampleRefs).States[stateName] as TaskState;
  const context = { ...EXECUTION_STATE, orderId, State: { EnteredTime: "2030-01-01T00:00:00.000Z" } };
  const parameters = fill(state.Parameters, context) as UpdateItemCommandInput;
  return new UpdateItemCommand({ ...parameters, TableName: tableName });
}
