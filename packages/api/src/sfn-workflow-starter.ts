import { type SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { Order } from "@orderflow/domain";
import { canonicalJson } from "./canonical-json";
import type { StartOutcome, WorkflowStarter } from "./ports";

/**
 * Starts the order workflow on Step Functions with the order id as execution name. A Standard workflow
 * answers a repeated StartExecution with the same name and input with the running execution; a closed
 * execution or a different input gives ExecutionAlreadyExists. Either way the order has its execution,
 * so both count as started. The input is canonical JSON so that a repeat sends identical bytes.
 */
export class SfnWorkflowStarter implements WorkflowStarter {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(order: Order): Promise<StartOutcome> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: order.orderId,
          input: canonicalJson(order),
        }),
      );
      return "started";
    } catch (error) {
      if ((error as Error).name === "ExecutionAlreadyExists") return "already-started";
      throw error;
    }
  }
}
