/**
 * `orderflow reconcile`: one pass of the reconciler (the function infra runs on a schedule) against any
 * environment: a deployed stack's table and state machine, or the local cloud's endpoints.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SFNClient } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  dynamoReconcilerOrders,
  type ReconcileReport,
  reconcile,
  sfnExecutions,
} from "@orderflow/reconciler";
import { parseStateMachineArn } from "@orderflow/workflow/asl";
import { CliError, type Command } from "./command";
import { parseOptions } from "./parse-options";

const USAGE =
  "orderflow reconcile --table <orders table> --state-machine-arn <arn> [--older-than <minutes>] [--endpoint-url <Step Functions endpoint>] [--dynamodb-endpoint-url <endpoint>]";

export interface ReconcileClients {
  readonly dynamodb: DynamoDBClient;
  readonly sfn: SFNClient;
}

/** The SDK clients for the state machine's region, at the given endpoints when set (a local cloud). */
export function reconcileClients(
  region: string,
  endpoints: { sfn?: string; dynamodb?: string },
): ReconcileClients {
  return {
    dynamodb: new DynamoDBClient({ region, ...(endpoints.dynamodb && { endpoint: endpoints.dynamodb }) }),
    sfn: new SFNClient({ region, ...(endpoints.sfn && { endpoint: endpoints.sfn }) }),
  };
}

function summary(report: ReconcileReport): string {
  const lines = Object.entries(report.outcomes).map(([orderId, outcome]) => `  ${orderId}: ${outcome}`);
  return [`looked at ${report.looked} PENDING order(s)`, ...lines].join("\n");
}

/** Parses and checks the options; every problem is one line with the usage. */
export function parseReconcileArgs(args: readonly string[]) {
  const values = parseOptions(
    args,
    {
      table: { type: "string" },
      "state-machine-arn": { type: "string" },
      "older-than": { type: "string", default: "15" },
      "endpoint-url": { type: "string" },
      "dynamodb-endpoint-url": { type: "string" },
    },
    USAGE,
  );
  const machine = parseStateMachineArn(values["state-machine-arn"] ?? "");
  if (!values.table || !machine) {
    throw new CliError(
      `--table and --state-machine-arn (a state machine's ARN) are required; usage: ${USAGE}`,
    );
  }
  const olderThanMinutes = Number(values["older-than"]);
  if (!Number.isInteger(olderThanMinutes) || olderThanMinutes < 0) {
    throw new CliError(`--older-than must be a whole number of minutes; usage: ${USAGE}`);
  }
  return {
    table: values.table,
    stateMachineArn: machine.unqualified,
    region: machine.arn.region,
    olderThanMinutes,
    endpoints: {
      ...(values["endpoint-url"] && { sfn: values["endpoint-url"] }),
      ...(values["dynamodb-endpoint-url"] && { dynamodb: values["dynamodb-endpoint-url"] }),
    },
  };
}

/** `orderflow reconcile`, with the SDK clients injectable for tests. */
export function reconcileCommand(clientsFor: typeof reconcileClients = reconcileClients): Command {
  return {
    name: "reconcile",
    summary:
      "record the outcome of orders whose execution ended without recording it (as the scheduled reconciler does)",
    usage: USAGE,
    async run(args, { io }) {
      const options = parseReconcileArgs(args);
      const clients = clientsFor(options.region, options.endpoints);
      try {
        const report = await reconcile(
          { olderThanMinutes: options.olderThanMinutes },
          {
            orders: dynamoReconcilerOrders(
              clients.dynamodb,
              DynamoDBDocumentClient.from(clients.dynamodb),
              options.table,
            ),
            executions: sfnExecutions(clients.sfn, options.stateMachineArn),
            now: () => new Date(),
          },
        );
        io.stdout.write(`${summary(report)}\n`);
        return 0;
      } finally {
        clients.dynamodb.destroy();
        clients.sfn.destroy();
      }
    },
  };
}
