import { CONTAINER_TIMEOUTS, defineTask } from "@orderflow/domain";
import { lambdaTask } from "./lambda-task";

/**
 * CreateShipment as a Fargate task (`runContainerTask`, the image of this package's Dockerfile): the same
 * state, tables, settings and errors as the Lambda, with the container's own sizing.
 */
export const containerTask = defineTask({
  ...lambdaTask,
  kind: "container",
  // 0.25 vCPU and 0.5 GB, Fargate's smallest valid pair: the work is a few DynamoDB calls.
  cpu: 256,
  memoryMb: 512,
  timeoutSeconds: 300,
  // The state fails after this long without a heartbeat, and the clock runs from the state's start, so it
  // must cover Fargate placing the task and pulling the image (the workflow allows 180 s for that).
  heartbeatSeconds: 180,
  // A lost heartbeat is retried like a timeout: the shipment is idempotent per order.
  retryableErrors: [...lambdaTask.retryableErrors, ...CONTAINER_TIMEOUTS],
});
