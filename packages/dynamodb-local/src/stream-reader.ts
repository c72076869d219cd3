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
    private readonly options: { readonly endpoint: string; readonly tableName: string },
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
    const { StreamDescription } = await this.streams.send(
      new DescribeStreamCommand({ StreamArn: this.streamArn }),
    );
    const records: StreamRecord[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId as string;
      if (!this.iterators.has(shardId)) this.iterators.set(shardId, await this.iteratorOf(shardId));
      this.iterators.set(shardId, await this.readShard(this.iterators.get(shardId), records));
    }
    return records;
  }

  private async readShard(start: string | undefined, into: StreamRecord[]): Promise<string | undefined> {
    let iterator = start;
    while (iterator) {
      const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      into.push(...(page.Records ?? []));
      // An open shard answers with a next iterator even when it had nothing: keep it for the next read.
      if ((page.Records ?? []).length === 0) return page.NextShardIterator;
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
