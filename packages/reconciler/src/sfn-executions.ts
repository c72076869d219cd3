import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { executionArnOf, parseStateMachineArn } from "@orderflow/workflow/asl";
import type { ExecutionState, Executions, StatusWriteRequest } from "./ports";

const STATUS_WRITE = (event: HistoryEvent) =>
  event.type === "TaskScheduled" &&
  event.taskScheduledEventDetails?.resourceType === "dynamodb" &&
  event.taskScheduledEventDetails.resource === "updateItem";

/** The last status write in the execution's history, newest events first. */
async function lastStatusWrite(
  client: SFNClient,
  executionArn: string,
): Promise<StatusWriteRequest | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 100, nextToken }),
    );
    const write = page.events?.find(STATUS_WRITE)?.taskScheduledEventDetails?.parameters;
    if (write) return JSON.parse(write) as StatusWriteRequest;
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

/** The order workflow's executions on Step Functions; an order id names its execution. */
export function sfnExecutions(client: SFNClient, stateMachineArn: string): Executions {
  const machine = parseStateMachineArn(stateMachineArn);
  if (!machine) throw new Error(`STATE_MACHINE_ARN ${stateMachineArn} is not a state machine ARN`);
  return {
    async of(orderId): Promise<ExecutionState> {
      const executionArn = executionArnOf(machine, orderId);
      let described: DescribeExecutionCommandOutput;
      try {
        described = await client.send(new DescribeExecutionCommand({ executionArn }));
      } catch (error) {
        if ((error as Error).name === "ExecutionDoesNotExist") return { status: "NONE" };
        throw error;
      }
      const status = described.status as ExecutionState["status"] | "PENDING_REDRIVE" | undefined;
      if (status === "RUNNING" || status === "PENDING_REDRIVE" || status === undefined)
        return { status: "RUNNING" };
      if (status === "NONE") return { status };
      const write = await lastStatusWrite(client, executionArn);
      return {
        status,
        ...(described.error !== undefined && { error: described.error }),
        ...(described.cause !== undefined && { cause: described.cause }),
        ...(write && { lastStatusWrite: write }),
      };
    },
  };
}
