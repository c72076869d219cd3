import { dynamoReservationLedger } from "@orderflow/inventory";
import { createLogger, documentClient, tableNamesFor, taskHandler } from "@orderflow/task-kit";
import { ReserveRequest, reserveInventory } from "./core";
import { task } from "./task";

const tables = tableNamesFor(task);
const deps = { ledger: dynamoReservationLedger(documentClient(), tables), now: () => new Date() };

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: ReserveRequest,
  run: (input) => reserveInventory(input, deps),
});
