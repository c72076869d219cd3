import type { Order } from "@orderflow/domain";
import type { StartOutcome, WorkflowStarter } from "../../src/ports";

/**
 * A WorkflowStarter that keeps executions by name, as Step Functions does for a Standard workflow: the
 * first start of a name creates an execution, later starts of it create nothing. `failNext` makes the
 * next start throw, as a crash or a Step Functions outage would.
 */
export class RecordingStarter implements WorkflowStarter {
  readonly executions = new Map<string, Order>();
  readonly requests: Order[] = [];
  private failures = 0;

  failNext(times = 1): void {
    this.failures = times;
  }

  async start(order: Order): Promise<StartOutcome> {
    this.requests.push(structuredClone(order));
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error("Step Functions is unavailable");
    }
    if (this.executions.has(order.orderId)) return "already-started";
    this.executions.set(order.orderId, structuredClone(order));
    return "started";
  }
}
