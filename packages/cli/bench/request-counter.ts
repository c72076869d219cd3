import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";

/** The requests this process sent to one endpoint, by operation (the `x-amz-target` header). */
export interface RequestCounter {
  /** Every request sent to the endpoint since the counter started (or since the last `reset`). */
  total(): number;
  /** The same requests by operation, e.g. `DynamoDB_20120810.GetItem` or `DynamoDBStreams_20120810.GetRecords`. */
  byOperation(): ReadonlyMap<string, number>;
  reset(): void;
  stop(): void;
}

const CHANNEL = "http.client.request.start";

/**
 * Counts the HTTP requests this process really sends to `endpoint`: the runtime's clients, the stream
 * reader's and the clients each handler creates for itself all pass through Node's http client, so none
 * is missed and nothing is assumed.
 */
export function countRequestsTo(endpoint: string): RequestCounter {
  const host = new URL(endpoint).host;
  const counts = new Map<string, number>();
  const onRequest = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (request.getHeader("host") !== host) return;
    const operation = String(request.getHeader("x-amz-target") ?? request.path);
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
  };
  subscribe(CHANNEL, onRequest);
  return {
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    byOperation: () => new Map(counts),
    reset: () => counts.clear(),
    stop: () => unsubscribe(CHANNEL, onRequest),
  };
}
