import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EVENT_SOURCE } from "@orderflow/domain";
import { StreamReader } from "@orderflow/dynamodb-local";
import { type EventBus, publishChange } from "@orderflow/outbox";
import type { LocalEventLog } from "./event-log";

/**
 * The local stand-in for the deployed outbox function: it reads the orders table's stream on DynamoDB
 * Local and runs the outbox's own `publishChange` on each record, onto the local event log instead of
 * the bus. `drain()` publishes everything written so far; the runtime drains after every execution
 * (before it is reported), so a run's events are in the log when its report is.
 */
export class OutboxPipe {
  private readonly reader: StreamReader;
  private readonly bus: EventBus;
  private sequence = 0;
  /** The pass that has not started yet: every drain asked for meanwhile waits for it. */
  private queued: Promise<void> | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    dynamodb: DynamoDBClient,
    options: {
      readonly endpoint: string;
      readonly tableName: string;
      readonly busName: string;
      readonly log: LocalEventLog;
    },
  ) {
    this.reader = new StreamReader(dynamodb, options);
    this.bus = {
      publish: async (event) => {
        this.sequence += 1;
        options.log.append({
          id: `outbox-${this.sequence}`,
          time: new Date().toISOString(),
          eventBusName: options.busName,
          source: EVENT_SOURCE,
          detailType: event.detailType,
          detail: event.detail,
          resources: [],
        });
      },
    };
  }

  /**
   * Publishes every change written so far, in the stream's order. Drains asked for while a pass runs share
   * the next pass: it starts after they were asked for, so it covers their changes, and concurrent
   * executions read the stream once between them instead of once each.
   */
  drain(): Promise<void> {
    if (this.queued === undefined) {
      const pass = this.running.then(() => {
        this.queued = undefined;
        return this.publishAll();
      });
      this.queued = pass;
      this.running = pass.catch(() => undefined);
    }
    return this.queued;
  }

  private async publishAll(): Promise<void> {
    for (const record of await this.reader.next()) await publishChange(record, this.bus);
  }

  stop(): void {
    this.reader.stop();
  }
}
