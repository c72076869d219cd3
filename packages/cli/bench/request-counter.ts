import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";

/** How many requests of one operation were sent and how long they were on the wire in total. */
export interface OperationTally {
  readonly requests: number;
  readonly wireMs: number;
}

/** The requests this process sent to one endpoint, by operation (the `x-amz-target` header). */
export interface RequestCounter {
  /** Every request sent to the endpoint since the counter started (or since the last `reset`). */
  total(): number;
  /** The time those requests spent on the wire, summed (see `countRequestsTo`). */
  wireMs(): number;
  /** The same by operation, e.g. `DynamoDB_20120810.GetItem` or `DynamoDBStreams_20120810.GetRecords`. */
  byOperation(): ReadonlyMap<string, OperationTally>;
  reset(): void;
  stop(): void;
}

const SENT = "http.client.request.start";
const ANSWERED = "http.client.response.finish";

/**
 * Counts the HTTP requests this process really sends to `endpoint` and times each from the moment Node
 * sends it to the moment its response arrives (its headers parsed; a pending event loop delays that too): the runtime's clients, the stream reader's and the
 * clients each handler creates for itself all pass through Node's http client, so none is missed and
 * nothing is assumed. That time is what DynamoDB Local (and the loopback) take to answer these very
 * requests; the SDK's work before and after is not in it.
 */
export function countRequestsTo(endpoint: string): RequestCounter {
  const host = new URL(endpoint).host;
  const sentAt = new WeakMap<ClientRequest, number>();
  const tallies = new Map<string, { requests: number; wireMs: number }>();
  const onSent = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (request.getHeader("host") === host) sentAt.set(request, performance.now());
  };
  const onAnswered = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    const sent = sentAt.get(request);
    if (sent === undefined) return;
    const operation = String(request.getHeader("x-amz-target") ?? request.path);
    const tally = tallies.get(operation) ?? { requests: 0, wireMs: 0 };
    tally.requests += 1;
    tally.wireMs += performance.now() - sent;
    tallies.set(operation, tally);
  };
  subscribe(SENT, onSent);
  subscribe(ANSWERED, onAnswered);
  const sum = (field: keyof OperationTally) =>
    [...tallies.values()].reduce((total, tally) => total + tally[field], 0);
  return {
    total: () => sum("requests"),
    wireMs: () => sum("wireMs"),
    byOperation: () => new Map([...tallies].map(([operation, tally]) => [operation, { ...tally }])),
    reset: () => tallies.clear(),
    stop: () => {
      unsubscribe(SENT, onSent);
      unsubscribe(ANSWERED, onAnswered);
    },
  };
}
