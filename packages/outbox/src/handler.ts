import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { EVENT_BUS_ENV_VAR } from "@orderflow/domain";
import { createLogger, manifestEnv } from "@orderflow/task-kit";
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { eventBridgeBus } from "./event-bus";
import { outboxFunction } from "./function";
import { publishChange } from "./publish-change";

const bus = eventBridgeBus(new EventBridgeClient({}), manifestEnv(outboxFunction)[EVENT_BUS_ENV_VAR]);
const logger = createLogger(outboxFunction.name);
const processor = new BatchProcessor(EventType.DynamoDBStreams);

async function publishRecord(record: DynamoDBRecord): Promise<void> {
  const event = await publishChange(record, bus);
  if (event) logger.info("published", { orderId: event.detail.orderId, detailType: event.detailType });
}

/**
 * The orders table's stream, a batch at a time. A record that fails is reported back (partial batch
 * response), so Lambda retries from it and the records before it are not published twice.
 */
export function handler(event: DynamoDBStreamEvent, context: Context) {
  return processPartialResponse(event, publishRecord, processor, { context });
}
