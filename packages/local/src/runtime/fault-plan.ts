import { describeIssues } from "@orderflow/domain";
import * as v from "valibot";

/** What one invocation of a state does instead of (or before) its normal work. */
export const FAULT_OUTCOMES = ["ok", "transient", "error", "timeout"] as const;
export type FaultOutcome = (typeof FAULT_OUTCOMES)[number];

/**
 * `{ "<StateName>": ["ok" | "transient" | "error" | "timeout", …] }`: the n-th entry applies to the
 * n-th invocation of that state within one execution; invocations beyond the list are `ok`.
 */
const PLAN_SHAPE = "must be an object mapping state names to lists of outcomes";
export const FaultPlan = v.pipe(
  // valibot's record takes arrays for objects; a list here is a plan written wrongly.
  v.custom<object>(
    (input) => typeof input === "object" && input !== null && !Array.isArray(input),
    PLAN_SHAPE,
  ),
  v.record(
    v.string(),
    v.array(
      v.picklist(FAULT_OUTCOMES, `must be one of ${FAULT_OUTCOMES.join(", ")}`),
      "must be a list of outcomes",
    ),
    PLAN_SHAPE,
  ),
);
export type FaultPlan = Readonly<Record<string, readonly FaultOutcome[]>>;

/** A fault plan that does not fit the schema or names states the workflow does not have. */
export class InvalidFaultPlan extends Error {
  override readonly name = "InvalidFaultPlan";
}

/**
 * Checks a plan against the schema and the workflow's faultable states. Unknown names are an error rather
 * than ignored: a typo would otherwise silently run the happy path and pass for a tested failure.
 */
export function parseFaultPlan(input: unknown, faultableStates: readonly string[]): FaultPlan {
  const result = v.safeParse(FaultPlan, input);
  if (!result.success) {
    const problems = describeIssues(result.issues).map((i) => `${i.path}: ${i.message}`);
    throw new InvalidFaultPlan(`fault plan ${problems.join("; ")}`);
  }
  const unknown = Object.keys(result.output).filter((name) => !faultableStates.includes(name));
  if (unknown.length > 0) {
    throw new InvalidFaultPlan(
      `fault plan names unknown state${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `"${n}"`).join(", ")}; valid states: ${faultableStates.join(", ")}`,
    );
  }
  return result.output;
}

/** Hands out the planned outcome of each successive invocation of a state, for one execution. */
export class FaultSchedule {
  private readonly calls = new Map<string, number>();

  constructor(private readonly plan: FaultPlan = {}) {}

  /** The outcome of the next invocation of `stateName` (and counts it). */
  next(stateName: string): FaultOutcome {
    const call = this.calls.get(stateName) ?? 0;
    this.calls.set(stateName, call + 1);
    return this.plan[stateName]?.[call] ?? "ok";
  }
}
