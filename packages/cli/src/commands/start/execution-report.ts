import type { DescribeExecutionCommandOutput } from "@aws-sdk/client-sfn";
import type { CliIo } from "../command";

/** Statuses after which an execution changes no more (PENDING_REDRIVE goes back to RUNNING). */
const OPEN_STATUSES = new Set(["RUNNING", "PENDING_REDRIVE"]);

export function isClosed(status: string | undefined): boolean {
  return status !== undefined && !OPEN_STATUSES.has(status);
}

/**
 * The execution's page for a person to follow: in the Step Functions console, or in the local cloud's
 * console when the execution runs at `endpointUrl`.
 */
export function consoleUrl(executionArn: string, region: string, endpointUrl?: string): string {
  if (endpointUrl !== undefined)
    return `${endpointUrl.replace(/\/$/, "")}/#/executions/${encodeURIComponent(executionArn)}`;
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}

function pretty(json: string | undefined): string {
  if (json === undefined) return "(none)";
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/** The end of an execution: its output when it succeeded, its error and cause otherwise. */
export function writeOutcome(io: CliIo, execution: DescribeExecutionCommandOutput): void {
  io.stdout.write(`status: ${execution.status}\n`);
  if (execution.status === "SUCCEEDED") {
    io.stdout.write(`output: ${pretty(execution.output)}\n`);
    return;
  }
  io.stdout.write(`error: ${execution.error ?? "(none)"}\n`);
  io.stdout.write(`cause: ${pretty(execution.cause)}\n`);
}
