import { supportedCountries, ValidateOrderInput } from "@orderflow/domain";
import { createLogger, documentClient, manifestEnv, tableNamesFor, taskHandler } from "@orderflow/task-kit";
import { validateOrder } from "./core";
import { dynamoCatalog } from "./dynamo-catalog";
import { dynamoOrderRecords } from "./dynamo-order-records";
import { task } from "./task";

const tables = tableNamesFor(task);
const documents = documentClient();
const deps = {
  catalog: dynamoCatalog(documents, tables.inventory),
  orders: dynamoOrderRecords(documents, tables.orders),
  supportedCountries: supportedCountries(manifestEnv(task).SUPPORTED_COUNTRIES),
};

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: ValidateOrderInput,
  run: (order) => validateOrder(order, deps),
});
