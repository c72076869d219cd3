import { describe, expect, it } from "vitest";
import { containerTask, lambdaTask, task } from "../src/task";

describe("the CreateShipment manifests", () => {
  it("runs fulfilment as a Fargate container: the container manifest is the one the platform follows", () => {
    // Assess
    expect(task).toBe(containerTask);
  });

  it("describes the container as the same task with the container's own sizing", () => {
    // Prepare
    const { kind, cpu, memoryMb, timeoutSeconds, heartbeatSeconds, retryableErrors, ...rest } = containerTask;
    const {
      kind: _,
      memoryMb: __,
      timeoutSeconds: ___,
      retryableErrors: lambdaRetryable,
      ...lambdaRest
    } = lambdaTask;

    // Assess
    expect(rest).toEqual(lambdaRest);
    expect(retryableErrors).toEqual([...lambdaRetryable, "States.HeartbeatTimeout"]);
    expect({ kind, cpu, memoryMb, timeoutSeconds, heartbeatSeconds }).toEqual({
      kind: "container",
      cpu: 256,
      memoryMb: 512,
      timeoutSeconds: 300,
      heartbeatSeconds: 180,
    });
  });

  it("heartbeats well inside its own timeout, as the workflow rules require", () => {
    // Assess
    expect(containerTask.heartbeatSeconds).toBeLessThan(containerTask.timeoutSeconds);
  });
});
