import { randomUUID } from "node:crypto";
import { LOCAL_AWS_ENV } from "@orderflow/dynamodb-local";
import type { LocalEvent } from "@orderflow/local";

/** A Lambda handler as the rule invokes it (asynchronously, one event per invocation). */
export type EventHandler = (event: unknown, context: { readonly awsRequestId: string }) => Promise<unknown>;

/** A rule's event pattern over the envelope's top-level fields: each value lists what matches. */
export type EventPattern = Readonly<Record<string, readonly string[]>>;

/** One event the rule delivered, or gave up on after the retries (then in the dead-letter list). */
export interface Delivery {
  readonly eventId: string;
  readonly detailType: string;
  readonly orderId: string | undefined;
  readonly attempts: number;
  readonly at: string;
  /** The function's answer, when it succeeded. */
  readonly result?: unknown;
  /** The last error's name and message, when every attempt failed. */
  readonly error?: string;
}

/** The event as EventBridge hands it to a rule's target. */
export function eventEnvelope(event: LocalEvent) {
  return {
    version: "0",
    id: event.id,
    "detail-type": event.detailType,
    source: event.source,
    account: "000000000000",
    time: event.time,
    region: LOCAL_AWS_ENV.AWS_REGION,
    resources: event.resources,
    detail: event.detail,
  };
}

export function matches(pattern: EventPattern, envelope: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(pattern).every(([field, values]) => values.includes(String(envelope[field])));
}

/**
 * An EventBridge rule with a Lambda target, on the local event log: each matching event invokes the
 * handler asynchronously; a failed invocation is retried twice, as Lambda retries asynchronous
 * invocations, and then lands in the dead-letter list.
 */
export class LocalRule {
  readonly deliveries: Delivery[] = [];
  readonly deadLetters: Delivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly pattern: EventPattern,
    private readonly handler: () => EventHandler,
    private readonly onDelivered: (delivery: Delivery) => void = () => undefined,
  ) {}

  /** Takes one event from the bus; returns at once, the invocation runs on its own. */
  receive(event: LocalEvent): void {
    const envelope = eventEnvelope(event);
    if (!matches(this.pattern, envelope)) return;
    const running = this.deliver(envelope).finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** Resolves when every invocation started so far has ended (retries included). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(envelope: ReturnType<typeof eventEnvelope>): Promise<void> {
    const orderId = (envelope.detail as { orderId?: unknown } | null)?.orderId;
    const base = {
      eventId: envelope.id,
      detailType: envelope["detail-type"],
      orderId: typeof orderId === "string" ? orderId : undefined,
    };
    let lastError = "";
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        const result = await this.handler()(envelope, { awsRequestId: randomUUID() });
        const delivery = { ...base, attempts: attempt, at: new Date().toISOString(), result };
        this.deliveries.push(delivery);
        this.onDelivered(delivery);
        return;
      } catch (error) {
        const { name, message } = error instanceof Error ? error : new Error(String(error));
        lastError = `${name}: ${message}`;
      }
    }
    this.deadLetters.push({ ...base, attempts: 3, at: new Date().toISOString(), error: lastError });
  }
}
