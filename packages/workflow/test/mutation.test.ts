import { describe, expect, it } from "vitest";
import { checkWorkflowRules } from "../src";
import { integrationOf } from "../src/asl";
import { WORKFLOW_RULES } from "../src/rules/catalog";
import { mutantsOf } from "./mutants";
import { definitions } from "./support";

const variants = definitions().map(({ name, definition, tasks }) => {
  const mutants = mutantsOf(definition, tasks);
  const results = mutants.map((mutant) => {
    const copy = structuredClone(definition);
    mutant.apply(copy);
    return {
      id: mutant.id,
      changed: JSON.stringify(copy) !== JSON.stringify(definition),
      violations: checkWorkflowRules(copy, { tasks }),
    };
  });
  return { name, definition, tasks, mutants, results };
});

/** Mutants every state gets whatever it does: they say nothing about the state's own job. */
const GENERIC = /: (QueryLanguage JSONata|Assign|Output)$/;

describe.each(variants)(
  "mutation testing the workflow rules ($name tasks)",
  ({ name, definition, tasks, mutants, results }) => {
    it("starts from a definition that passes every rule", () => {
      expect(checkWorkflowRules(definition, { tasks })).toEqual([]);
    });

    it("kills 100 % of the mutants generated from the definition", () => {
      const survivors = results.filter((r) => r.violations.length === 0).map((r) => r.id);
      const killed = results.length - survivors.length;
      console.info(
        `workflow rules (${name} tasks) killed ${killed} of ${results.length} mutants (${((100 * killed) / results.length).toFixed(1)} %)`,
      );
      expect(results.length).toBeGreaterThan(500);
      expect(survivors).toEqual([]);
    });

    it("generates unique mutants that each really change the definition", () => {
      expect(new Set(mutants.map((m) => m.id)).size).toBe(mutants.length);
      expect(results.filter((r) => !r.changed).map((r) => r.id)).toEqual([]);
    });

    it("covers every state, Choice and Pass states included, with a mutant of its own job", () => {
      const uncovered = Object.keys(definition.States).filter(
        (state) => !mutants.some((m) => m.id.startsWith(`${state}:`) && !GENERIC.test(m.id)),
      );
      expect(uncovered).toEqual([]);
    });

    it("breaks the saga where it matters: order, fence, notes, outbox and status-write retries", () => {
      // Prepare
      const ids = mutants.map((m) => m.id);
      const writes = Object.keys(definition.States).filter((s) => {
        const state = definition.States[s];
        return state?.Type === "Task" && integrationOf(state.Resource) === "dynamodb-write";
      });

      // Assess
      expect(ids).toEqual(
        expect.arrayContaining([
          "RefundPayment: runs before the fence ReleaseInventory",
          "ReleaseInventory: Next skips CheckShipped",
          "CheckShipped: Default skips RefundPayment",
          "SafeToRefund: Choices[0] IsPresent false",
          "HoldRefund: ResultPath $.note",
          ...writes.flatMap((w) => [`${w}: Retry[0] without States.Timeout`, `${w}: does not set eventType`]),
        ]),
      );
    });
  },
);

describe("the workflow rules", () => {
  it("have no idle rule: each one kills a mutant of the Lambda or the container definition", () => {
    const firing = new Set(
      variants.flatMap((v) => v.results.flatMap((r) => r.violations.map((x) => x.rule))),
    );
    expect(WORKFLOW_RULES.map((r) => r.id).filter((id) => !firing.has(id))).toEqual([]);
  });
});
