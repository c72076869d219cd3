/** An event the workflow published, as EventBridge would have received it. */
export interface LocalEvent {
  readonly id: string;
  readonly time: string;
  readonly eventBusName: string;
  readonly source: string;
  readonly detailType: string;
  /** The parsed `Detail` JSON. */
  readonly detail: unknown;
  /** The optimized integration appends the execution and state machine ARNs. */
  readonly resources: readonly string[];
}

/** The local stand-in for the event bus: an append-only, in-memory list. */
export class LocalEventLog {
  private readonly events: LocalEvent[] = [];
  private readonly listeners = new Set<(event: LocalEvent) => void>();

  append(event: LocalEvent): void {
    this.events.push(event);
    // Delivered after the put returns, as a rule's targets are: a listener never delays the publisher.
    for (const listener of this.listeners) queueMicrotask(() => listener(event));
  }

  /** Calls `listener` with every event appended from now on, like a rule on the bus; returns the unsubscribe. */
  subscribe(listener: (event: LocalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  all(): readonly LocalEvent[] {
    return this.events;
  }

  /** Events whose detail names this order (`detail.orderId`). */
  forOrder(orderId: string): LocalEvent[] {
    return this.events.filter((e) => (e.detail as { orderId?: unknown } | null)?.orderId === orderId);
  }
}
