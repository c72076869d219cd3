export { documentClient, type Row, readRow } from "./dynamo";
export { manifestEnv, readEnv, tableNamesFor } from "./env";
export { createLogger } from "./logger";
export { putUnlessPresent } from "./put-unless-present";
export { type TaskHandler, type TaskHandlerOptions, taskHandler } from "./task-handler";
export { writeIf } from "./write-if";
