import { ValidateOrderInput } from "@orderflow/domain";
import { createLogger, documentClient, tableNamesFor, taskHandler } from "@orderflow/task-kit";
import { validateOrder } from "./core";
import { dynamoCatalog } from "./dynamo-catalog";
import { task } from "./task";

const tables = tableNamesFor(task);
const deps = { catalog: dynamoCatalog(documentClient(), tables.inventory) };

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: ValidateOrderInput,
  run: (order) => validateOrder(order, deps),
});
