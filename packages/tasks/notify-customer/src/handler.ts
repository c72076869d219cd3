import { SESv2Client } from "@aws-sdk/client-sesv2";
import { createLogger, documentClient, manifestEnv, tableNamesFor, taskHandler } from "@orderflow/task-kit";
import { OrderOutcomeEvent } from "./contract";
import { notifyCustomer } from "./core";
import { dynamoOrderContacts } from "./dynamo-order-contacts";
import { sesMailer } from "./ses-mailer";
import { task } from "./task";

// Read once per cold start: a missing table name or sender fails the start, naming the variable.
const tables = tableNamesFor(task);
const env = manifestEnv(task);
const deps = {
  orders: dynamoOrderContacts(documentClient(), tables.orders),
  mailer: sesMailer(new SESv2Client({}), env.MAIL_FROM),
};

/** The EventBridge rule's target: one order outcome event per invocation. */
export const handler = taskHandler({
  logger: createLogger(task.name),
  input: OrderOutcomeEvent,
  run: (event) => notifyCustomer(event, deps),
});
