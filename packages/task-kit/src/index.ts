export { documentClient, type Row, readRow } from "./dynamo";
export { manifestEnv, readEnv, tableNamesFor } from "./env";
export { createLogger } from "./logger";
export { type TaskHandler, type TaskHandlerOptions, taskHandler } from "./task-handler";
export { type PutOutcome, putUnlessPresent, writeIf } from "./write-if";
