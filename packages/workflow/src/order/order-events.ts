import { EVENT_SOURCE, type OrderEvents, type OrderEventType } from "@orderflow/domain";
import { type Catcher, putEvents, type StateNode, type TaskState } from "../asl";
import type { WorkflowRefs } from "../refs";
import { EVENTBRIDGE_RETRY } from "./retries";
import { SERVICE_TASK_TIMEOUT_SECONDS } from "./timeouts";

/** A JSONPath into the state for every field of an event's detail, checked against the domain type. */
export type DetailPaths<T extends OrderEventType> = { readonly [K in keyof OrderEvents[T]]-?: string };

export interface Publication<T extends OrderEventType> {
  readonly detailType: T;
  readonly detail: DetailPaths<T>;
  readonly catch: readonly Catcher[];
  readonly comment: string;
}

/** Publishes one order event to the bus with the direct EventBridge integration. */
export function publishEvent<T extends OrderEventType>(
  name: string,
  refs: WorkflowRefs,
  publication: Publication<T>,
): StateNode<TaskState> {
  const detail = Object.fromEntries(
    Object.entries(publication.detail as Record<string, string>).map(([key, path]) => [`${key}.$`, path]),
  );
  return putEvents(name, {
    comment: publication.comment,
    entries: [
      { eventBusName: refs.eventBusName, source: EVENT_SOURCE, detailType: publication.detailType, detail },
    ],
    timeoutSeconds: SERVICE_TASK_TIMEOUT_SECONDS,
    retry: EVENTBRIDGE_RETRY,
    catch: publication.catch,
  });
}
