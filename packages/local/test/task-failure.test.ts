import { describe, expect, it } from "vitest";
import type { TaskState } from "../src/runtime/integrations";
import { injectedFailure, lambdaFunctionError, transientErrorFor } from "../src/runtime/task-failure";

function state(integration: TaskState["integration"], retriedErrors: string[]): TaskState {
  return {
    name: "Some",
    resource: "arn",
    integration,
    action: "x",
    optimized: true,
    waitForTaskToken: false,
    retriedErrors,
  };
}

describe("transientErrorFor", () => {
  it("picks a transient error the state's own Retry matches", () => {
    // Prepare
    const events = state("events", ["EventBridge.AmazonEventBridgeException", "EventBridge.FailedEntry"]);
    const lambda = state("lambda", ["Lambda.ServiceException", "Lambda.TooManyRequestsException"]);

    // Act
    const chosen = [transientErrorFor(events), transientErrorFor(lambda)];

    // Assess
    expect(chosen).toEqual(["EventBridge.AmazonEventBridgeException", "Lambda.TooManyRequestsException"]);
  });

  it("falls back to a retried error of the same service, then to the most typical one", () => {
    // Prepare
    const custom = state("dynamodb", ["DynamoDB.SomethingNew"]);
    const unretried = state("ecs", []);

    // Act
    const chosen = [transientErrorFor(custom), transientErrorFor(unretried)];

    // Assess
    expect(chosen).toEqual(["DynamoDB.SomethingNew", "ECS.AmazonECSException"]);
  });
});

describe("injected failures", () => {
  it("names a timeout States.Timeout and an error something no retrier of the state lists", () => {
    // Prepare
    const lambda = state("lambda", ["Lambda.TooManyRequestsException"]);

    // Act
    const timeout = injectedFailure(lambda, "timeout");
    const error = injectedFailure(lambda, "error");

    // Assess
    expect(timeout.name).toBe("States.Timeout");
    expect(lambda.retriedErrors).not.toContain(error.name);
    expect(JSON.parse(error.message)).toMatchObject({ errorType: "Error" });
  });

  it("reports a thrown business error as Lambda does: its name, and the JSON error document as Cause", () => {
    // Prepare
    const thrown = Object.assign(new Error("payment declined: card_declined"), { name: "PaymentDeclined" });

    // Act
    const failure = lambdaFunctionError(thrown);

    // Assess
    expect(failure.name).toBe("PaymentDeclined");
    expect(JSON.parse(failure.message)).toMatchObject({
      errorType: "PaymentDeclined",
      errorMessage: "payment declined: card_declined",
    });
  });
});
