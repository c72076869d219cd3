import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SFNClient } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createLogger, manifestEnv, tableNamesFor } from "@orderflow/task-kit";
import { reconcile } from "./core";
import { dynamoReconcilerOrders } from "./dynamo-orders";
import { reconcilerFunction } from "./function";
import { sfnExecutions } from "./sfn-executions";

const tables = tableNamesFor(reconcilerFunction);
const env = manifestEnv(reconcilerFunction);
const olderThanMinutes = Number(env.PENDING_OLDER_THAN_MINUTES);
if (!(Number.isInteger(olderThanMinutes) && olderThanMinutes >= 1)) {
  throw new Error(
    `PENDING_OLDER_THAN_MINUTES must be a whole number of minutes ≥ 1, got "${env.PENDING_OLDER_THAN_MINUTES}"`,
  );
}
const client = new DynamoDBClient({});
const deps = {
  orders: dynamoReconcilerOrders(client, DynamoDBDocumentClient.from(client), tables.orders),
  executions: sfnExecutions(new SFNClient({}), env.STATE_MACHINE_ARN),
  now: () => new Date(),
};
const logger = createLogger(reconcilerFunction.name);

/** EventBridge Scheduler entry: one reconciliation pass per invocation. */
export async function handler(): Promise<{ looked: number }> {
  const report = await reconcile({ olderThanMinutes }, deps);
  const healed = Object.entries(report.outcomes).filter(
    ([, outcome]) => outcome === "replayed" || outcome === "settled",
  );
  logger.info("reconciled", {
    looked: report.looked,
    healed: healed.length,
    orderIds: healed.map(([id]) => id),
  });
  return { looked: report.looked };
}
