import { SFNClient } from "@aws-sdk/client-sfn";
import { createLogger, documentClient, manifestEnv, tableNamesFor } from "@orderflow/task-kit";
import { createApi } from "./core";
import { DynamoOrderStore } from "./dynamo-order-store";
import { apiFunction } from "./function";
import { SfnWorkflowStarter } from "./sfn-workflow-starter";

// Read once at cold start: a missing variable fails here, with its name, not inside a request.
const tables = tableNamesFor(apiFunction);
const env = manifestEnv(apiFunction);

/** API Gateway HTTP API (payload format 2.0) entry point. */
export const handler = createApi({
  store: new DynamoOrderStore(documentClient(), tables.orders),
  starter: new SfnWorkflowStarter(new SFNClient({}), env.STATE_MACHINE_ARN),
  log: createLogger("orders-api"),
});
