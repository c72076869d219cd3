import { CreateShipmentInput } from "@orderflow/domain";
import { createLogger, documentClient, manifestEnv, tableNamesFor, taskHandler } from "@orderflow/task-kit";
import { shippingConfig } from "./config";
import { createShipment } from "./core";
import { dynamoShipmentStore } from "./dynamo-store";
import { task } from "./task";

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
