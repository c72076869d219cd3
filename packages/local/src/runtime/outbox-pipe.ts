import {
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { EVENT_DETAIL_ATTRIBUTES, EVENT_SOURCE, type OrderEventType } from "@orderflow/domain";
import type { LocalEvent, LocalEventLog } from "./event-log";

type Image = Record<string, unknown>;
type AttributeImage = NonNullable<NonNullable<StreamRecord["dynamodb"]>["NewImage"]>;

const isEventType = (value: unknown): value is OrderEventType =>
  typeof value === "string" && Object.hasOwn(EVENT_DETAIL_ATTRIBUTES, value);

/**
 * The event a change of an orders-table item announces, as the deployed pipes build it: a status write
 * that moved the item's `status` and set its `eventType`. Any other change (a PENDING put, an update of
 * the same status by a retry) announces nothing.
 */
export function eventOfChange(
  oldImage: Image | undefined,
  newImage: Image | undefined,
  busName: string,
  time: string,
): Omit<LocalEvent, "id"> | undefined {
  if (!newImage || !isEventType(newImage.eventType) || oldImage?.status === newImage.status) return undefined;
  const detailType = newImage.eventType;
  const detail = Object.fromEntries(
    EVENT_DETAIL_ATTRIBUTES[detailType].map((name) => [name, newImage[name]]),
  );
  return { time, eventBusName: busName, source: EVENT_SOURCE, detailType, detail, resources: [] };
}

/**
 * The local stand-in for the EventBridge pipes that publish the orders table's outbox: it reads the
 * table's stream on DynamoDB Local and appends the events its changes announce to the local event log.
 * `drain()` publishes everything written so far; the runtime drains after every execution (before it is
 * reported), so a run's events are in the log when its report is.
 */
export class OutboxPipe {
  private readonly streams: DynamoDBStreamsClient;
  private readonly iterators = new Map<string, string | undefined>();
  private streamArn: string | undefined;
  private draining: Promise<void> = Promise.resolve();
  private sequence = 0;

  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly options: {
      readonly endpoint: string;
      readonly tableName: string;
      readonly busName: string;
      readonly log: LocalEventLog;
    },
  ) {
    this.streams = new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: "eu-central-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
  }

  /** Publishes every change written so far; concurrent calls share one read of the stream at a time. */
  drain(): Promise<void> {
    this.draining = this.draining.then(() => this.readAll());
    return this.draining;
  }

  stop(): void {
    this.streams.destroy();
  }

  private async readAll(): Promise<void> {
    this.streamArn ??= await this.latestStream();
    const { StreamDescription } = await this.streams.send(
      new DescribeStreamCommand({ StreamArn: this.streamArn }),
    );
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId as string;
      if (!this.iterators.has(shardId)) this.iterators.set(shardId, await this.iteratorOf(shardId));
      this.iterators.set(shardId, await this.readShard(this.iterators.get(shardId)));
    }
  }

  private async readShard(start: string | undefined): Promise<string | undefined> {
    let iterator = start;
    while (iterator) {
      const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      for (const record of page.Records ?? []) this.publish(record);
      // An open shard answers with a next iterator even when it had nothing: keep it for the next drain.
      if ((page.Records ?? []).length === 0) return page.NextShardIterator;
      iterator = page.NextShardIterator;
    }
    return undefined;
  }

  private publish(record: StreamRecord): void {
    const image = (attributes: AttributeImage | undefined) =>
      attributes ? unmarshall(attributes as never) : undefined;
    const time = (record.dynamodb?.ApproximateCreationDateTime ?? new Date()).toISOString();
    const event = eventOfChange(
      image(record.dynamodb?.OldImage),
      image(record.dynamodb?.NewImage),
      this.options.busName,
      time,
    );
    if (!event) return;
    this.sequence += 1;
    this.options.log.append({ ...event, id: `${record.eventID ?? "local"}-${this.sequence}` });
  }

  private async iteratorOf(shardId: string): Promise<string | undefined> {
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ShardIteratorType: "TRIM_HORIZON",
      }),
    );
    return ShardIterator;
  }

  private async latestStream(): Promise<string> {
    const table: DescribeTableCommandOutput = await this.dynamodb.send(
      new DescribeTableCommand({ TableName: this.options.tableName }),
    );
    const arn = table.Table?.LatestStreamArn;
    if (!arn)
      throw new Error(`table ${this.options.tableName} has no stream; create it from its TABLES spec`);
    return arn;
  }
}
