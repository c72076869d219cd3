export { documentClient } from "./dynamo";
export { manifestEnv, readEnv, tableNamesFor } from "./env";
export { createLogger } from "./logger";
export { type Row, readRow, writeIf } from "./rows";
export { type TaskHandler, type TaskHandlerOptions, taskHandler } from "./task-handler";
