import { type EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { EVENT_SOURCE } from "@orderflow/domain";
import type { AnnouncedEvent } from "./event-of-change";

/** Where announced events go: the order events bus in AWS, the event log locally. */
export interface EventBus {
  publish(event: AnnouncedEvent): Promise<void>;
}

/**
 * The order events bus through PutEvents, one entry per event. PutEvents answers 200 even when it
 * refused an entry, so a refused entry throws: the stream record is then retried, not dropped.
 */
export function eventBridgeBus(client: EventBridgeClient, busName: string): EventBus {
  return {
    async publish(event) {
      const answer = await client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: busName,
              Source: EVENT_SOURCE,
              DetailType: event.detailType,
              Detail: JSON.stringify(event.detail),
            },
          ],
        }),
      );
      const refused = answer.Entries?.find((entry) => entry.ErrorCode !== undefined);
      if ((answer.FailedEntryCount ?? 0) > 0 || refused) {
        throw new Error(
          `EventBridge refused ${event.detailType} of order ${event.detail.orderId}: ${refused?.ErrorCode ?? "unknown"} ${refused?.ErrorMessage ?? ""}`.trim(),
        );
      }
    },
  };
}
