import { CreateShipmentInput } from "@orderflow/domain";
import { createLogger, documentClient, manifestEnv, tableNamesFor, taskHandler } from "@orderflow/task-kit";
import { shippingConfig } from "./config";
import { createShipment } from "./core";
import { dynamoShipmentStore } from "./dynamo-store";
// Tables and settings are the same for both kinds; the Lambda manifest keeps the container one out of the bundle.
import { lambdaTask as task } from "./lambda-task";

const deps = {
  store: dynamoShipmentStore(documentClient(), tableNamesFor(task)),
  config: shippingConfig(manifestEnv(task)),
  now: () => new Date(),
};

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: CreateShipmentInput,
  run: (input) => createShipment(input, deps),
});
