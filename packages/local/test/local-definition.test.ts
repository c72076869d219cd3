/**
 * The local references follow the manifests as infra's do: a function ARN per Lambda task and container
 * references per container task, each keyed by its state name. Pure: nothing starts.
 */
import { containerTask } from "@orderflow/task-create-shipment/task";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import { describe, expect, it } from "vitest";
import { localDefinition } from "../src/runtime/local-definition";

type EcsParameters = { TaskDefinition: string; Overrides: { ContainerOverrides: [{ Name: string }] } };

describe("localDefinition", () => {
  it("gives each of two container tasks its own task definition and container, and neither a function", () => {
    // Prepare
    const containers = ["ReserveInventory", "CreateShipment"];
    const manifests = WORKFLOW_TASKS.map((t) =>
      containers.includes(t.stateName) ? { ...containerTask, name: t.name, stateName: t.stateName } : t,
    );

    // Act
    const { definition, taskStates } = localDefinition("orderflow-local-", manifests);

    // Assess
    for (const manifest of manifests.filter((m) => containers.includes(m.stateName))) {
      const state = definition.States[manifest.stateName];
      if (state?.Type !== "Task") throw new Error(`${manifest.stateName} is not a Task state`);
      const parameters = state.Parameters as EcsParameters;
      expect(taskStates.find((s) => s.name === manifest.stateName)).toMatchObject({ integration: "ecs" });
      expect(parameters.TaskDefinition).toBe(
        `arn:aws:ecs:eu-central-1:000000000000:task-definition/orderflow-local-${manifest.name}:1`,
      );
      expect(parameters.Overrides.ContainerOverrides[0].Name).toBe(manifest.name);
    }
    const lambdaStates = taskStates.filter((s) => s.integration === "lambda").map((s) => s.name);
    expect(lambdaStates).not.toContain("ReserveInventory");
    expect(lambdaStates).not.toContain("CreateShipment");
  });
});
