import { defineTask, type TaskManifest } from "@orderflow/domain";
import aslValidator from "asl-validator";
import { describe, expect, it } from "vitest";
import { checkWorkflowRules, orderWorkflow, sampleRefs, WORKFLOW_TASKS } from "../src";
import type { TaskState } from "../src/asl";
import { FORWARD_STEPS } from "../src/order/tasks";

/** A step as the task generator writes it (templates/task/src/task.ts.tmpl). */
function generatedStep(index: number): TaskManifest {
  return defineTask({
    name: `step-${index}`,
    stateName: `Step${index}`,
    kind: "lambda",
    description: "Acknowledges the order with the time it handled it.",
    memoryMb: 256,
    timeoutSeconds: 5,
    tables: {},
    env: {},
    retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
    errors: [],
    retryableErrors: [],
  });
}

/**
 * The order workflow with `count` generated steps placed after ReserveInventory, where a check before
 * the charge goes. (After CreateShipment the order has shipped and nothing may be undone: the workflow
 * rules refuse a step there whose failure compensates.)
 */
function withPlacedSteps(count: number) {
  const steps = Array.from({ length: count }, (_, i) => generatedStep(i + 1));
  const tasks = [...WORKFLOW_TASKS, ...steps];
  const refs = {
    ...sampleRefs,
    functionArns: {
      ...sampleRefs.functionArns,
      ...Object.fromEntries(
        steps.map((s) => [s.stateName, `arn:aws:lambda:eu-central-1:123456789012:function:x-${s.name}`]),
      ),
    },
  };
  const at = FORWARD_STEPS.indexOf("ReserveInventory") + 1;
  const forward = [
    ...FORWARD_STEPS.slice(0, at),
    ...steps.map((s) => s.stateName),
    ...FORWARD_STEPS.slice(at),
  ];
  return { tasks, definition: orderWorkflow(refs, tasks, forward) };
}

describe("a step placed in the workflow with one line", () => {
  it.each([0, 1, 19, 44])("with %i such steps, is valid ASL and keeps every workflow rule", (count) => {
    // Act
    const { tasks, definition } = withPlacedSteps(count);

    // Assess
    const { isValid, errorsText } = aslValidator(structuredClone(definition) as never, {
      checkArn: true,
      checkPaths: true,
    });
    expect(isValid, errorsText("\n")).toBe(true);
    expect(checkWorkflowRules(definition, { tasks })).toEqual([]);
    expect(Object.keys(definition.States)).toHaveLength(
      Object.keys(orderWorkflow(sampleRefs).States).length + count,
    );
  });

  it("reads only the order id, keeps nothing it answers, and is undone like the step before it", () => {
    // Act
    const { definition } = withPlacedSteps(2);

    // Assess
    const state = definition.States.Step1 as TaskState;
    expect(state.Parameters?.Payload).toEqual({
      "orderId.$": "$.orderId",
      "executionId.$": "$$.Execution.Id",
    });
    expect(state.ResultPath).toBeNull();
    expect(state.Catch?.map((c) => c.Next)).toEqual(["ReleaseInventory"]);
    expect((definition.States.ReserveInventory as TaskState).Next).toBe("Step1");
    expect((definition.States.Step2 as TaskState).Next).toBe("ChargePayment");
  });

  it("fails naming the state when a placed step has no registered manifest", () => {
    // Act
    const attempt = () => orderWorkflow(sampleRefs, WORKFLOW_TASKS, [...FORWARD_STEPS, "GiftWrap"]);

    // Assess
    expect(attempt).toThrow("the order workflow needs task manifests for GiftWrap");
  });
});
