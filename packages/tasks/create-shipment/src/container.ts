import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
} from "@aws-sdk/client-sfn";
import { createLogger } from "@orderflow/task-kit";
import { containerTask } from "./container-task";
import { handler } from "./handler";
import { failureOf } from "./task-failure";

/** What the CreateShipment state hands its container. */
export interface ContainerRun {
  /** The state's task token (`TASK_TOKEN`). */
  readonly taskToken: string;
  /** The task input, parsed from the JSON in `TASK_INPUT`; checked here against CreateShipmentInput. */
  readonly input: unknown;
}

export type TaskTokenCommand = SendTaskSuccessCommand | SendTaskFailureCommand | SendTaskHeartbeatCommand;

/**
 * The part of an `SFNClient` the container uses: `send` with the three task-token commands. The local
 * runtime passes an object of its own with this shape, telling the commands apart by their class.
 */
export interface TaskTokenClient {
  send(command: TaskTokenCommand): Promise<unknown>;
}

export interface ContainerDeps {
  readonly sfn: TaskTokenClient;
  /**
   * Time between heartbeats while the task works.
   * @default a third of the manifest's `heartbeatSeconds`, so one slow heartbeat does not fail the state
   */
  readonly heartbeatIntervalMs?: number;
}

const logger = createLogger(containerTask.name);

/**
 * Runs CreateShipment as a container task: the same Lambda adapter (`handler`: CreateShipmentInput
 * parsing, logging with the order id, the core on DynamoDB), reported with the task token. Sends a
 * heartbeat first and then every `heartbeatIntervalMs` while it works; reports SendTaskSuccess with the
 * shipment as output, or SendTaskFailure with the error's name (`ShipmentFailed`, `ValidationError`,
 * `InventoryContention`, or an unexpected error's own name) and message as cause.
 *
 * Resolves once the report is sent. Rejects only when Step Functions refuses a call (the token expired,
 * the state timed out): then nothing else can be told, and the container should exit non-zero.
 */
export async function runContainerTask(
  { taskToken, input }: ContainerRun,
  { sfn, heartbeatIntervalMs = (containerTask.heartbeatSeconds * 1000) / 3 }: ContainerDeps,
): Promise<void> {
  // Before any work: it restarts the state's heartbeat clock after the container's start, and a token no
  // longer waited for (the state timed out and was compensated) stops the task before it writes.
  await sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
  const heartbeats = setInterval(() => {
    sfn.send(new SendTaskHeartbeatCommand({ taskToken })).catch((error: Error) => {
      // The work goes on: if the state is gone, the report says so.
      logger.warn("heartbeat failed", { errorName: error.name, reason: error.message });
    });
  }, heartbeatIntervalMs);
  let report: SendTaskSuccessCommand | SendTaskFailureCommand;
  try {
    const shipment = await handler(input);
    report = new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(shipment) });
  } catch (error) {
    report = new SendTaskFailureCommand({ taskToken, ...failureOf(error) });
  } finally {
    clearInterval(heartbeats);
  }
  await sfn.send(report);
}
