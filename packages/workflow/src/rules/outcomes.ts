import type { StatePath } from "./paths";
import { describePath, unique } from "./report";
import { catchOrigin, completedAfterAll, fenceAt, hasNote, type SagaShape } from "./saga-shape";
import type { RuleChecks, RuleContext, RuleViolation } from "./types";

/** Where the path's outcome is settled: its last catch, compensation or note (a Pass state). */
function settledAt(context: RuleContext, path: StatePath): number {
  let at = -1;
  path.hops.forEach((hop, i) => {
    const pass = context.definition.States[hop.state]?.Type === "Pass";
    if (hop.exit?.kind === "catch" || context.compensations.has(hop.state) || pass) at = i;
  });
  return at;
}

/** True when a status write got through after the outcome was settled. */
function recorded(context: RuleContext, shape: SagaShape, path: StatePath): boolean {
  const from = settledAt(context, path);
  return path.hops.some(
    (hop, i) =>
      i > from && shape.statusWrites.has(hop.state) && hop.exit !== undefined && hop.exit.kind !== "catch",
  );
}

const lastState = (path: StatePath) => path.hops.at(-1)?.state ?? "";
const stateOf = (path: StatePath) => path.hops[Math.max(0, catchOrigin(path))]?.state ?? "";

function successProblem(context: RuleContext, shape: SagaShape, path: StatePath): string | undefined {
  const completed = completedAfterAll(context.definition, shape, path);
  if (completed < 0) return "ends successfully without the fence's answer that the order completed after all";
  const fence = fenceAt(shape, path);
  const after = path.hops.slice(fence + 1);
  const caught = after.find((hop) => hop.exit?.kind === "catch");
  if (caught) return `ends successfully although ${caught.state} failed after the fence`;
  const undone = after.find((hop) => context.compensations.has(hop.state));
  return undone ? `ends successfully after running ${undone.state} after the fence` : undefined;
}

/** Problems of a path on which a compensation gave up, or that ends where such paths end. */
function stuckProblems(context: RuleContext, shape: SagaShape, path: StatePath): string[] {
  const last = lastState(path);
  const gaveUp = path.hops.find((h) => context.compensations.has(h.state) && h.exit?.kind === "catch");
  const problems: string[] = [];
  if (gaveUp && !(path.end === "fail" && shape.recordingFails.has(last))) {
    if (path.end !== "fail" || !shape.attentionFails.has(last)) {
      problems.push(
        `${gaveUp.state} gives up and the path ends in ${last || path.end}, not a Fail state of its own`,
      );
    }
  }
  if (path.end === "fail" && shape.attentionFails.has(last)) {
    if (!hasNote(shape, path.hops.at(-1)?.facts ?? new Map())) {
      problems.push(`reaches ${last}, where stuck sagas end, with nothing noted for a person`);
    }
    if (!recorded(context, shape, path)) problems.push(`never writes the order's status before ${last}`);
  }
  return problems;
}

export const outcomeRules: RuleChecks = {
  "catch-ends-in-fail": (context) => {
    const shape = context.saga();
    const violations: RuleViolation[] = [];
    for (const path of context.paths()) {
      if (catchOrigin(path) < 0 || (path.end !== "end" && path.end !== "succeed")) continue;
      const problem = successProblem(context, shape, path);
      if (problem) {
        const message = `${describePath(context.definition, path)} ${problem}`;
        violations.push({ rule: "catch-ends-in-fail", state: stateOf(path), message });
      }
    }
    return unique(violations);
  },

  "failure-recorded": (context) => {
    const shape = context.saga();
    const violations: RuleViolation[] = [];
    for (const path of context.paths()) {
      const last = lastState(path);
      if (path.end !== "fail" || shape.recordingFails.has(last) || shape.attentionFails.has(last)) continue;
      if (!recorded(context, shape, path)) {
        const message = `${describePath(context.definition, path)} never writes the order's status before ${last}`;
        violations.push({ rule: "failure-recorded", state: stateOf(path), message });
      }
    }
    return unique(violations);
  },

  "compensation-stuck-state": (context) => {
    const shape = context.saga();
    const violations: RuleViolation[] = [];
    for (const path of context.paths()) {
      for (const problem of stuckProblems(context, shape, path)) {
        const message = `${describePath(context.definition, path)} ${problem}`;
        violations.push({ rule: "compensation-stuck-state", state: stateOf(path), message });
      }
    }
    return unique(violations);
  },
};
