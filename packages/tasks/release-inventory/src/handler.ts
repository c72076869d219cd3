import { ReleaseInventoryInput } from "@orderflow/domain";
import { createLogger, documentClient, tableNamesFor, taskHandler } from "@orderflow/task-kit";
import { dynamoReservationLedger } from "@orderflow/task-reserve-inventory/dynamo-ledger";
import { releaseInventory } from "./core";
import { task } from "./task";

const tables = tableNamesFor(task);
const deps = { ledger: dynamoReservationLedger(documentClient(), tables) };

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: ReleaseInventoryInput,
  run: (input) => releaseInventory(input, deps),
});
