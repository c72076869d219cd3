import { ReleaseInventoryInput } from "@orderflow/domain";
import { dynamoReservationLedger } from "@orderflow/inventory";
import { createLogger, documentClient, tableNamesFor, taskHandler } from "@orderflow/task-kit";
import { releaseInventory } from "./core";
import { task } from "./task";

const tables = tableNamesFor(task);
const deps = { ledger: dynamoReservationLedger(documentClient(), tables), now: () => new Date() };

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: ReleaseInventoryInput,
  run: (input) => releaseInventory(input, deps),
});
