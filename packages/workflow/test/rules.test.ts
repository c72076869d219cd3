import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkWorkflowRules, orderWorkflow, sampleRefs } from "../src";
import {
  type AslDefinition,
  type AslState,
  type ChoiceState,
  LAMBDA_TRANSIENT_ERRORS,
  type PassState,
  putEvents,
  retry,
  type TaskState,
} from "../src/asl";
import { WORKFLOW_RULES } from "../src/rules/catalog";
import { definitions, lambdaTasks } from "./support";

const rulesBroken = (definition: AslDefinition) => [
  ...new Set(checkWorkflowRules(definition).map((v) => v.rule)),
];
const violationsOf = (definition: AslDefinition, rule: string) =>
  checkWorkflowRules(definition, { tasks: lambdaTasks }).filter((v) => v.rule === rule);

/** The Lambda definition, changed by `edit` (a private copy). */
function edited(edit: (states: Record<string, AslState>) => void): AslDefinition {
  const definition = orderWorkflow(sampleRefs, lambdaTasks);
  edit(definition.States);
  return definition;
}

/** The definition with every state no manifest names renamed: the rules know no state by name. */
function renamed(definition: AslDefinition, tasks: readonly { stateName: string }[]): AslDefinition {
  const keep = new Set(tasks.map((t) => t.stateName));
  const name = (n: string) => (keep.has(n) ? n : `${n}Elsewhere`);
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        (k === "Next" || k === "Default") && typeof v === "string" ? name(v) : rename(v),
      ]),
    );
  };
  return {
    ...definition,
    StartAt: name(definition.StartAt),
    States: Object.fromEntries(
      Object.entries(definition.States).map(([n, s]) => [name(n), rename(s) as AslState]),
    ),
  };
}

describe("checkWorkflowRules", () => {
  it.each(definitions())(
    "passes the real definition, also after a JSON round trip ($name tasks)",
    ({ definition, tasks }) => {
      expect(checkWorkflowRules(definition, { tasks })).toEqual([]);
      expect(checkWorkflowRules(JSON.parse(JSON.stringify(definition)), { tasks })).toEqual([]);
    },
  );

  it.each(definitions())(
    "names no state of the order workflow: renamed states pass too ($name tasks)",
    ({ definition, tasks }) => {
      // Prepare
      const other = renamed(definition, tasks);

      // Act / Assess
      expect(Object.keys(other.States)).toContain("CheckShippedElsewhere");
      expect(checkWorkflowRules(other, { tasks })).toEqual([]);
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

  it("explains a refund before the fence, naming the catch and its path", () => {
    // Prepare: ChargePayment's catch-all goes past the release
    const definition = edited((s) => {
      ((s.ChargePayment as TaskState).Catch?.[1] as { Next: string }).Next = "CheckShipped";
    });

    // Act / Assess
    expect(violationsOf(definition, "refund-after-fence")).toContainEqual({
      rule: "refund-after-fence",
      state: "ChargePayment",
      message:
        "Catch[1] (States.ALL) → CheckShipped → RefundPayment → CheckCompensations → MarkFailed → Failed " +
        "runs RefundPayment before the fence ReleaseInventory",
    });
  });

  it("explains a refund after a fence that gave up while a shipment may still land", () => {
    // Prepare: the hold turns into a refund exactly when the charge went through
    const definition = edited((s) => {
      ((s.SafeToRefund as ChoiceState).Choices[0] as { IsPresent: boolean }).IsPresent = false;
    });

    // Act / Assess
    expect(violationsOf(definition, "refund-after-fence")).toContainEqual(
      expect.objectContaining({
        state: "CreateShipment",
        message: expect.stringMatching(
          /ReleaseInventory → SafeToRefund → RefundPayment .* a step after ChargePayment had started: hold it for a person/,
        ),
      }),
    );
  });

  it("explains a failure path that skips a compensation without noting it", () => {
    // Prepare: no refund when the order did not ship
    const definition = edited((s) => {
      (s.CheckShipped as ChoiceState).Default = "CheckCompensations";
    });

    // Act / Assess
    expect(violationsOf(definition, "saga-compensation")).toContainEqual({
      rule: "saga-compensation",
      state: "ChargePayment",
      message:
        "Catch[1] (States.ALL) → ReleaseInventory → CheckShipped → CheckCompensations → MarkFailed → Failed " +
        "never runs RefundPayment (ChargePayment may have taken effect), nor notes it for a person",
    });
  });

  it("explains a success after a catch that the fence did not answer for", () => {
    const definition = edited((s) => {
      (s.CheckShipped as ChoiceState).Default = "GetShipment";
    });
    expect(violationsOf(definition, "catch-ends-in-fail")).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(
          /CheckShipped → GetShipment → MarkCompleted ends successfully without the fence's answer/,
        ),
      }),
    );
  });

  it("explains a read of a path that is not written on every way there", () => {
    const definition = edited((s) => {
      (s.HandOverByHand as PassState).ResultPath = "$.note";
    });
    expect(violationsOf(definition, "reads-written")).toContainEqual(
      expect.objectContaining({
        state: "MarkNeedsAttention",
        message: expect.stringMatching(
          /^reads \$\.incomplete, which .* write\(s\), but not on the path .*HandOverByHand/,
        ),
      }),
    );
  });

  it("explains a give-up that ends where ordinary failures end", () => {
    const definition = edited((s) => {
      ((s.RefundPayment as TaskState).Catch?.[0] as { Next: string }).Next = "MarkFailed";
    });
    expect(violationsOf(definition, "compensation-stuck-state")).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(/reaches Failed, where stuck sagas end, with nothing noted/),
      }),
    );
  });

  it("explains a status write that leaves its event incomplete, and a state that publishes itself", () => {
    // Prepare: MarkFailed no longer sets the cause; a Publish state sits between it and Failed
    const definition = edited((s) => {
      const parameters = (s.MarkFailed as TaskState).Parameters as Record<string, string>;
      parameters.UpdateExpression = (parameters.UpdateExpression as string).replace(", #cause = :cause", "");
      const publish = putEvents("Publish", {
        entries: [{ eventBusName: "bus", source: "orderflow.orders", detailType: "OrderFailed", detail: {} }],
        timeoutSeconds: 10,
        next: "Failed",
      });
      s.Publish = publish.state;
      (s.MarkFailed as TaskState).Next = "Publish";
    });

    // Act / Assess
    expect(violationsOf(definition, "outbox-contract")).toEqual([
      {
        rule: "outbox-contract",
        state: "MarkFailed",
        message:
          "does not set cause, which the detail of OrderFailed carries (the stream builds the event from the item)",
      },
      {
        rule: "outbox-contract",
        state: "Publish",
        message: "publishes an event itself; the order's events leave through the outbox (its status write)",
      },
    ]);
  });

  it("explains a Choice without a Default", () => {
    const definition = edited((s) => {
      delete (s.SafeToRefund as { Default?: string }).Default;
    });
    expect(violationsOf(definition, "structure")).toContainEqual({
      rule: "structure",
      state: "SafeToRefund",
      message:
        "has no Default: an input no rule matches would fail the execution with States.NoChoiceMatched",
    });
  });

  it("reports a definition too broken to walk as violations, never as an exception", () => {
    const wreck = { StartAt: "Gone", States: { A: { Type: "Task", Resource: 1, Catch: "x", Retry: [{}] } } };
    const violations = checkWorkflowRules(wreck as unknown as AslDefinition);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.map((v) => v.rule)).toContain("structure");
  });
});
