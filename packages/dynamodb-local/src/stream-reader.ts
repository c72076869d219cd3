import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import { LOCAL_AWS_ENV } from "./server";

export type { StreamRecord };

/**
 * Reads a table's stream on DynamoDB Local from its start, the way a stream consumer in AWS does:
 * `next()` answers every record written since the previous call, shard by shard in order. Concurrent
 * calls share one read at a time, so no record is answered twice.
 */
export class StreamReader {
  private readonly streams: DynamoDBStreamsClient;
  private readonly iterators = new Map<string, string | undefined>();
  private streamArn: string | undefined;
  private reading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly options: {
      readonly endpoint: string;
      readonly tableName: string;
      /** The most records one GetRecords answers. @default 1000, the API's own maximum */
      readonly recordsPerPage?: number;
    },
  ) {
    this.streams = new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: LOCAL_AWS_ENV.AWS_REGION,
      credentials: {
        accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID,
        secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY,
      },
    });
  }

  /** Every record written since the last call (the first call: since the table was created). */
  next(): Promise<StreamRecord[]> {
    const read = this.reading.then(() => this.readAll());
    this.reading = read.catch(() => undefined);
    return read;
  }

  stop(): void {
    this.streams.destroy();
  }

  private async readAll(): Promise<StreamRecord[]> {
    this.streamArn ??= await this.latestStream();
    const records: StreamRecord[] = [];
    // New shards only start where an old one ends, so the shard list is read again only when no open
    // shard is known or one has just ended (its children hold the records that follow), not on every read.
    if (![...this.iterators.values()].some((iterator) => iterator !== undefined)) await this.addNewShards();
    for (;;) {
      let ended = false;
      for (const [shardId, iterator] of this.iterators) {
        if (iterator === undefined) continue;
        const next = await this.readShard(iterator, records);
        this.iterators.set(shardId, next);
        if (next === undefined) ended = true;
      }
      if (!ended || (await this.addNewShards()) === 0) return records;
    }
  }

  /** Adds every shard this reader has not seen, from its start, in the stream's order; answers how many. */
  private async addNewShards(): Promise<number> {
    let added = 0;
    for (const shardId of await this.shardIds()) {
      if (this.iterators.has(shardId)) continue;
      this.iterators.set(shardId, await this.iteratorOf(shardId));
      added += 1;
    }
    return added;
  }

  private async shardIds(): Promise<string[]> {
    const { StreamDescription } = await this.streams.send(
      new DescribeStreamCommand({ StreamArn: this.streamArn }),
    );
    return (StreamDescription?.Shards ?? []).map((shard) => shard.ShardId as string);
  }

  private async readShard(start: string | undefined, into: StreamRecord[]): Promise<string | undefined> {
    const limit = this.options.recordsPerPage ?? 1000;
    let iterator = start;
    while (iterator) {
      const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
      const records = page.Records ?? [];
      into.push(...records);
      // DynamoDB Local answers every record a shard holds, up to the limit (it reads one past the limit to
      // know whether more follow), so a short page is the shard's end for now and the read stops without
      // asking for the empty page that would follow. (Streams in AWS may answer short pages mid-shard;
      // this reader is DynamoDB Local's.) An open shard answers with a next iterator all the same: it is
      // kept for the next read.
      if (records.length < limit) return page.NextShardIterator;
      iterator = page.NextShardIterator;
    }
    return undefined;
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
    const table = await this.dynamodb.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    const arn = table.Table?.LatestStreamArn;
    if (!arn)
      throw new Error(`table ${this.options.tableName} has no stream; create it from its TABLES spec`);
    return arn;
  }
}
