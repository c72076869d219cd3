import { createLogger, taskHandler } from "@orderflow/task-kit";
import { NotifyCustomerInput } from "./contract";
import { notifyCustomer } from "./core";
import { task } from "./task";

// Built once per cold start. When the manifest declares tables, read their names here with
// `tableNamesFor(task)`: a missing variable then fails the cold start, naming it.
const deps = { now: () => new Date() };

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: NotifyCustomerInput,
  run: async (input) => notifyCustomer(input, deps),
});
