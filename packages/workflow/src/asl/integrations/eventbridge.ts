import type { StateNode } from "../node";
import { RESOURCES } from "../resources";
import { task } from "../states";
import type { JsonObject, TaskState } from "../types";
import type { IntegrationOptions } from "./common";

export interface EventEntry {
  readonly eventBusName: string;
  readonly source: string;
  readonly detailType: string;
  /** A payload template; the integration serializes it. */
  readonly detail: JsonObject;
}

export interface PutEventsOptions extends IntegrationOptions {
  readonly entries: readonly EventEntry[];
  /** @default null (the PutEvents response is dropped) */
  readonly resultPath?: string | null;
}

/** Publishes events through the optimized `events:putEvents` integration. */
export function putEvents(name: string, options: PutEventsOptions): StateNode<TaskState> {
  const { entries, resultPath = null, ...flow } = options;
  return task(name, {
    ...flow,
    resource: RESOURCES.putEvents,
    parameters: {
      Entries: entries.map((entry) => ({
        EventBusName: entry.eventBusName,
        Source: entry.source,
        DetailType: entry.detailType,
        Detail: { ...entry.detail },
      })),
    },
    resultPath,
  });
}
