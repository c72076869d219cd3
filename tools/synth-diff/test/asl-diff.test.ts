import type { AslBranch, AslDefinition, AslState } from "@orderflow/workflow/asl";
import { describe, expect, it } from "vitest";
import { diffAsl, flattenStates } from "../src";

const TASK = "arn:aws:states:::lambda:invoke";

const base: AslDefinition = {
  StartAt: "ValidateOrder",
  TimeoutSeconds: 3600,
  States: {
    ValidateOrder: { Type: "Task", Resource: TASK, Next: "Notify", TimeoutSeconds: 10 },
    Notify: {
      Type: "Parallel",
      Next: "Done",
      Branches: [
        { StartAt: "Email", States: { Email: { Type: "Task", Resource: TASK, End: true } } },
        { StartAt: "Sms", States: { Sms: { Type: "Task", Resource: TASK, End: true } } },
      ],
    },
    Done: { Type: "Succeed" },
  },
};

/** A copy of `base` changed by `mutate`. */
function edited(mutate: (asl: AslDefinition) => void): AslDefinition {
  const copy = structuredClone(base);
  mutate(copy);
  return copy;
}

/** The state `name` of `asl`, which a test knows to be of `type`. */
function stateOf<T extends AslState["Type"]>(asl: AslBranch, name: string, type: T) {
  const state = asl.States[name];
  if (state?.Type !== type) throw new Error(`fixture: ${name} is not a ${type} state`);
  return state as Extract<AslState, { Type: T }>;
}

describe("diffAsl", () => {
  it("finds no change between a definition and its copy", () => {
    expect(diffAsl(base, structuredClone(base))).toEqual({
      added: [],
      changed: [],
      removed: [],
      machine: [],
    });
  });

  it("reports an inserted state as added and the rewired predecessor as changed, with the edge", () => {
    // Prepare
    const head = edited((asl) => {
      asl.States.GiftWrap = { Type: "Task", Resource: TASK, Next: "Notify" };
      stateOf(asl, "ValidateOrder", "Task").Next = "GiftWrap";
    });

    // Act
    const diff = diffAsl(base, head);

    // Assess
    expect(diff.added).toEqual([{ path: "GiftWrap", type: "Task" }]);
    expect(diff.changed).toEqual([
      {
        path: "ValidateOrder",
        type: "Task",
        fields: [{ field: "Next", before: "Notify", after: "GiftWrap" }],
      },
    ]);
    expect(diff.removed).toEqual([]);
  });

  it("addresses states inside Parallel branches by path and does not blame the Parallel state for them", () => {
    // Prepare
    const head = edited((asl) => {
      const sms = stateOf(asl, "Notify", "Parallel").Branches[1] as AslBranch;
      stateOf(sms, "Sms", "Task").TimeoutSeconds = 5;
    });

    // Act
    const diff = diffAsl(base, head);

    // Assess
    expect(diff.changed).toEqual([
      {
        path: "Notify › branch 2 › Sms",
        type: "Task",
        fields: [{ field: "TimeoutSeconds", before: "(none)", after: "5" }],
      },
    ]);
  });

  it("reports a removed branch's states as removed and the Parallel state as changed", () => {
    // Prepare
    const head = edited((asl) => {
      stateOf(asl, "Notify", "Parallel").Branches.pop();
    });

    // Act
    const diff = diffAsl(base, head);

    // Assess
    expect(diff.removed).toEqual([{ path: "Notify › branch 2 › Sms", type: "Task" }]);
    expect(diff.changed.map((s) => [s.path, s.fields.map((f) => f.field)])).toEqual([
      ["Notify", ["Branches"]],
    ]);
  });

  it("flattens Map item processors (and the older Iterator) into paths", () => {
    // Prepare
    const asl: AslDefinition = {
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map",
          End: true,
          ItemProcessor: { StartAt: "One", States: { One: { Type: "Pass", End: true } } },
        },
        Old: {
          Type: "Map",
          End: true,
          Iterator: { StartAt: "Two", States: { Two: { Type: "Pass", End: true } } },
        },
      },
    };

    // Act
    const paths = [...flattenStates(asl).keys()];

    // Assess
    expect(paths).toEqual(["Each", "Each › ItemProcessor › One", "Old", "Old › Iterator › Two"]);
  });

  it("reports changes of the definition's own fields such as StartAt", () => {
    // Prepare
    const head = edited((asl) => {
      asl.StartAt = "Done";
    });

    // Act
    const diff = diffAsl(base, head);

    // Assess
    expect(diff.machine).toEqual([{ field: "StartAt", before: "ValidateOrder", after: "Done" }]);
  });

  it("lists every state as added for a new state machine and as removed for a deleted one", () => {
    expect(diffAsl(undefined, base).added.map((s) => s.path)).toEqual([
      "Done",
      "Notify",
      "Notify › branch 1 › Email",
      "Notify › branch 2 › Sms",
      "ValidateOrder",
    ]);
    expect(diffAsl(base, undefined).removed).toHaveLength(5);
  });
});
