import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkWorkflowRules, orderWorkflow, sampleRefs } from "../src";
import { type AslDefinition, LAMBDA_TRANSIENT_ERRORS, retry, type TaskState } from "../src/asl";
import { WORKFLOW_RULES } from "../src/rules/catalog";
import { definitions, lambdaTasks } from "./support";

const rulesBroken = (definition: AslDefinition) => [
  ...new Set(checkWorkflowRules(definition).map((v) => v.rule)),
];

describe("checkWorkflowRules", () => {
  it.each(definitions())(
    "passes the real definition, also after a JSON round trip ($name tasks)",
    ({ definition, tasks }) => {
      expect(checkWorkflowRules(definition, { tasks })).toEqual([]);
      expect(checkWorkflowRules(JSON.parse(JSON.stringify(definition)), { tasks })).toEqual([]);
    },
  );

  it("lists each rule once, each with its own description", () => {
    for (const field of ["id", "description"] as const) {
      const values = WORKFLOW_RULES.map((r) => r[field]);
      expect(new Set(values).size, `a ${field} repeats`).toBe(WORKFLOW_RULES.length);
    }
  });

  it("flags a Lambda retrier exactly when its backoff, cap or jitter falls short", () => {
    fc.assert(
      fc.property(
        fc.record({
          intervalSeconds: fc.integer({ min: 1, max: 10 }),
          maxAttempts: fc.integer({ min: 1, max: 10 }),
          backoffRate: fc.constantFrom(1, 1.5, 2, 2.5, 3),
          maxDelaySeconds: fc.integer({ min: 1, max: 60 }),
          jitter: fc.constantFrom("FULL" as const, "NONE" as const),
        }),
        (options) => {
          // Prepare
          const definition = orderWorkflow(sampleRefs, lambdaTasks);
          const state = definition.States.ValidateOrder as TaskState;
          state.Retry = [retry(LAMBDA_TRANSIENT_ERRORS, options)];

          // Act
          const broken = rulesBroken(definition);

          // Assess
          const shortfall = options.backoffRate < 2 || options.jitter !== "FULL";
          expect(broken.includes("retry-policy")).toBe(shortfall);
        },
      ),
    );
  });

  it("explains a compensation run in the wrong order, naming the state and both sequences", () => {
    // Prepare: ChargePayment's catch-all skips the refund
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    const charge = definition.States.ChargePayment as TaskState;
    (charge.Catch?.[1] as { Next: string }).Next = "ReleaseInventory";

    // Act
    const violations = checkWorkflowRules(definition).filter((v) => v.rule === "saga-compensation");

    // Assess
    expect(violations).toEqual([
      {
        rule: "saga-compensation",
        state: "ChargePayment",
        message: expect.stringMatching(
          /runs compensations ReleaseInventory, must run RefundPayment → ReleaseInventory/,
        ),
      },
    ]);
  });

  it("reports a definition too broken to walk as violations, never as an exception", () => {
    const wreck = { StartAt: "Gone", States: { A: { Type: "Task", Resource: 1, Catch: "x", Retry: [{}] } } };
    const violations = checkWorkflowRules(wreck as unknown as AslDefinition);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.map((v) => v.rule)).toContain("structure");
  });
});
