import type { ExecutionState, Executions, StatusWriteRequest } from "@orderflow/reconciler";
import { parseResource } from "@orderflow/workflow/asl";
import type { LocalExecution } from "./execution";

const isStatusWrite = (resource: string) => {
  const parsed = parseResource(resource);
  return parsed.kind === "integration" && parsed.service === "dynamodb" && parsed.action === "updateItem";
};

/**
 * The local runtime's executions as the reconciler asks about them, answered as Step Functions would:
 * running, none, or ended with its error and the last status write it attempted.
 */
export function localExecutions(executions: () => readonly LocalExecution[]): Executions {
  return {
    async of(orderId): Promise<ExecutionState> {
      const execution = executions().find((e) => e.orderId === orderId);
      if (!execution) return { status: "NONE" };
      const ended = execution.ended();
      if (!ended) return { status: "RUNNING" };
      const write = execution.invocations.findLast((i) => isStatusWrite(i.resource))?.parameters;
      return {
        status: ended.status,
        ...(ended.error !== null && { error: ended.error }),
        ...(ended.cause !== null && { cause: ended.cause }),
        ...(write !== undefined && { lastStatusWrite: write as StatusWriteRequest }),
      };
    },
  };
}
