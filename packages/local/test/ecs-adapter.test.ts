import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
} from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import type { ExecutionScope } from "../src/runtime/adapter";
import { type ContainerEntry, ecsTaskTokenAdapter } from "../src/runtime/ecs-adapter";
import type { TaskState } from "../src/runtime/integrations";
import { TaskTokens } from "../src/runtime/task-tokens";

const STATE: TaskState = {
  name: "CreateShipment",
  resource: "arn:aws:states:::ecs:runTask.waitForTaskToken",
  integration: "ecs",
  action: "runTask",
  optimized: true,
  waitForTaskToken: true,
  retriedErrors: ["ECS.AmazonECSException"],
};

/** The state's Parameters as the engine resolves them: the token and input in the container overrides. */
function runTaskParameters(token: string, input: unknown) {
  return {
    Cluster: "arn:aws:ecs:eu-central-1:000000000000:cluster/local",
    TaskDefinition: "arn:aws:ecs:eu-central-1:000000000000:task-definition/fulfilment:1",
    LaunchType: "FARGATE",
    Overrides: {
      ContainerOverrides: [
        {
          Name: "fulfilment",
          Environment: [
            { Name: "TASK_TOKEN", Value: token },
            { Name: "TASK_INPUT", Value: JSON.stringify(input) },
          ],
        },
      ],
    },
  };
}

function scopeWith(token: string | undefined): ExecutionScope {
  return { executionArn: "arn:exec", stateMachineArn: "arn:sm", currentTaskToken: () => token };
}

describe("ecsTaskTokenAdapter", () => {
  it("runs the entry with the token and input, and returns what it sends with SendTaskSuccess", async () => {
    // Prepare
    const tokens = new TaskTokens();
    const token = tokens.issue();
    const seen: unknown[] = [];
    const entry: ContainerEntry = async ({ taskToken, input }, { sfn }) => {
      seen.push(input);
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
      await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ shipped: true }) }));
    };
    const adapter = ecsTaskTokenAdapter(STATE, entry, tokens);

    // Act
    const result = await adapter(runTaskParameters(token, { orderId: "o-1" }), scopeWith(token));

    // Assess
    expect(seen).toEqual([{ orderId: "o-1" }]);
    expect(result).toEqual({ shipped: true });
  });

  it("fails the state with the error and cause the entry sends with SendTaskFailure", async () => {
    // Prepare
    const tokens = new TaskTokens();
    const token = tokens.issue();
    const entry: ContainerEntry = async ({ taskToken }, { sfn }) => {
      await sfn.send(new SendTaskFailureCommand({ taskToken, error: "ShipmentFailed", cause: "no carrier" }));
    };
    const adapter = ecsTaskTokenAdapter(STATE, entry, tokens);

    // Act
    const run = adapter(runTaskParameters(token, { orderId: "o-2" }), scopeWith(token));

    // Assess
    await expect(run).rejects.toMatchObject({ name: "ShipmentFailed", message: "no carrier" });
  });

  it("times the state out when the container crashes or exits without reporting", async () => {
    // Prepare
    const tokens = new TaskTokens();
    const [crashToken, silentToken] = [tokens.issue(), tokens.issue()];
    const crash: ContainerEntry = async () => {
      throw new Error("out of memory");
    };
    const silent: ContainerEntry = async () => undefined;

    // Act
    const crashed = ecsTaskTokenAdapter(
      STATE,
      crash,
      tokens,
    )(runTaskParameters(crashToken, {}), scopeWith(crashToken));
    const exited = ecsTaskTokenAdapter(
      STATE,
      silent,
      tokens,
    )(runTaskParameters(silentToken, {}), scopeWith(silentToken));

    // Assess
    await expect(crashed).rejects.toMatchObject({ name: "States.HeartbeatTimeout" });
    await expect(crashed).rejects.toThrow(/out of memory/);
    await expect(exited).rejects.toMatchObject({ name: "States.HeartbeatTimeout" });
  });

  it("refuses overrides that do not pass the task token, since the task could never report", async () => {
    // Prepare
    const tokens = new TaskTokens();
    const token = tokens.issue();
    const adapter = ecsTaskTokenAdapter(STATE, async () => undefined, tokens);

    // Act
    const run = adapter(runTaskParameters("some-other-value", {}), scopeWith(token));

    // Assess
    await expect(run).rejects.toMatchObject({ name: "States.Runtime" });
  });

  it("answers a second report for the same token as Step Functions does", async () => {
    // Prepare
    const tokens = new TaskTokens();
    const token = tokens.issue();
    const errors: string[] = [];
    const entry: ContainerEntry = async ({ taskToken }, { sfn }) => {
      await sfn.send(new SendTaskSuccessCommand({ taskToken, output: "{}" }));
      await sfn.send(new SendTaskSuccessCommand({ taskToken, output: "{}" })).catch((e: Error) => {
        errors.push(e.name);
      });
    };

    // Act
    await ecsTaskTokenAdapter(STATE, entry, tokens)(runTaskParameters(token, {}), scopeWith(token));

    // Assess
    expect(errors).toEqual(["TaskTimedOut"]);
  });
});
