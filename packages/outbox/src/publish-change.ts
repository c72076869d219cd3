import { type AttributeValue, unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import type { EventBus } from "./event-bus";
import { type AnnouncedEvent, eventOfChange } from "./event-of-change";

type StreamImage = NonNullable<NonNullable<DynamoDBRecord["dynamodb"]>["NewImage"]>;

function image(attributes: StreamImage | undefined) {
  return attributes ? unmarshall(attributes as Record<string, AttributeValue>) : undefined;
}

/** Publishes the event one stream record announces, if any, and says which it was. */
export async function publishChange(
  record: DynamoDBRecord,
  bus: EventBus,
): Promise<AnnouncedEvent | undefined> {
  const event = eventOfChange(image(record.dynamodb?.OldImage), image(record.dynamodb?.NewImage));
  if (event) await bus.publish(event);
  return event;
}
