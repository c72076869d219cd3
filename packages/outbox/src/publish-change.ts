import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { EventBus } from "./event-bus";
import { type AnnouncedEvent, eventOfChange } from "./event-of-change";

type StreamImage = Parameters<typeof unmarshall>[0];

/**
 * A change as a stream record describes it: the shape Lambda hands the function and DynamoDB Streams'
 * GetRecords answers (both in DynamoDB JSON).
 */
export interface ChangeRecord {
  readonly dynamodb?:
    | { readonly OldImage?: object | undefined; readonly NewImage?: object | undefined }
    | undefined;
}

const image = (attributes: object | undefined) =>
  attributes ? unmarshall(attributes as StreamImage) : undefined;

/** Publishes the event one stream record announces, if any, and says which it was. */
export async function publishChange(
  record: ChangeRecord,
  bus: EventBus,
): Promise<AnnouncedEvent | undefined> {
  const event = eventOfChange(image(record.dynamodb?.OldImage), image(record.dynamodb?.NewImage));
  if (event) await bus.publish(event);
  return event;
}
