import { describe, expect, it } from "vitest";
import { containerTask, lambdaTask, task } from "../src/task";

describe("the CreateShipment manifests", () => {
  it("names the Lambda manifest as the one the platform follows, until the container path is wired", () => {
    // Assess
    expect(task).toBe(lambdaTask);
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
