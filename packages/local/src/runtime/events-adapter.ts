import { randomUUID } from "node:crypto";
import type { StateAdapter } from "./adapter";
import type { LocalEventLog } from "./event-log";
import { TaskFailure } from "./task-failure";

interface PutEventsEntry {
  readonly Source?: unknown;
  readonly DetailType?: unknown;
  readonly Detail?: unknown;
  readonly EventBusName?: unknown;
  readonly Resources?: unknown;
}

function invalid(message: string): TaskFailure {
  return new TaskFailure("EventBridge.ValidationException", message);
}

function parseDetail(detail: unknown, index: number): unknown {
  // The optimized integration accepts Detail as JSON (it serialises it) or as a JSON string.
  if (typeof detail !== "string") return detail;
  try {
    return JSON.parse(detail);
  } catch {
    throw invalid(`Entries[${index}].Detail is not valid JSON`);
  }
}

/**
 * Serves `events:putEvents`: checks each entry the way PutEvents does (1-10 entries with Source,
 * DetailType and Detail, on a bus that exists), appends them to the local event log, and answers with
 * the PutEvents response shape.
 */
export function eventsAdapter(log: LocalEventLog, busName: string): StateAdapter {
  return async (parameters, scope) => {
    const entries = (parameters as { Entries?: unknown } | null)?.Entries;
    if (!Array.isArray(entries) || entries.length < 1 || entries.length > 10) {
      throw invalid("Entries must be a list of 1 to 10 events");
    }
    const checked = entries.map((raw: PutEventsEntry, index) => {
      const { Source, DetailType, Detail, EventBusName = "default", Resources = [] } = raw ?? {};
      if (typeof Source !== "string" || typeof DetailType !== "string" || Detail === undefined) {
        throw invalid(`Entries[${index}] needs Source, DetailType and Detail`);
      }
      if (EventBusName !== busName) {
        throw new TaskFailure(
          "EventBridge.ResourceNotFoundException",
          `Entries[${index}]: event bus ${String(EventBusName)} does not exist locally; the local bus is ${busName}`,
        );
      }
      return {
        id: randomUUID(),
        time: new Date().toISOString(),
        eventBusName: busName,
        source: Source,
        detailType: DetailType,
        detail: parseDetail(Detail, index),
        resources: [
          ...(Array.isArray(Resources) ? Resources.map(String) : []),
          scope.executionArn,
          scope.stateMachineArn,
        ],
      };
    });
    for (const event of checked) log.append(event);
    return { Entries: checked.map((e) => ({ EventId: e.id })), FailedEntryCount: 0 };
  };
}
