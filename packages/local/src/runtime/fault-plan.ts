import { describeIssues } from "@orderflow/domain";
import * as v from "valibot";

/**
 * What one invocation of a state does instead of (or besides) its normal work:
 * - `ok`: it runs;
 * - `transient`, `error`, `timeout`: it fails before the work starts (nothing happens): a transient
 *   service error its Retry matches, an unexpected error, or `States.Timeout`;
 * - `lost`: the work commits, then the state sees `States.Timeout` (the answer never arrived);
 * - `crash`: the work commits, then the state sees the error a crashed runtime reports;
 * - `late`: the state sees `States.Timeout` at once; the work runs only after the execution has moved past
 *   the next state (an invocation still running after Step Functions gave up on it);
 * - `twice`: the work runs twice concurrently with the same input; the state gets one result.
 */
export const FAULT_OUTCOMES = [
  "ok",
  "transient",
  "error",
  "timeout",
  "lost",
  "crash",
  "late",
  "twice",
] as const;
export type FaultOutcome = (typeof FAULT_OUTCOMES)[number];

/** Outcomes that happen before the work starts, so nothing of it commits. */
export const BEFORE_WORK: ReadonlySet<FaultOutcome> = new Set(["transient", "error", "timeout"]);

const PLAN_SHAPE = "must be an object mapping state names to lists of outcomes";
const Outcomes = v.array(
  v.picklist(FAULT_OUTCOMES, `must be one of ${FAULT_OUTCOMES.join(", ")}`),
  "must be a list of outcomes",
);

/**
 * `{ "<StateName>": [<outcome>, …] }`: the n-th entry applies to the n-th invocation of that state within
 * one execution (retries are invocations); invocations beyond the list are `ok`.
 */
export type FaultPlan = Readonly<Record<string, readonly FaultOutcome[]>>;

/** A fault plan that does not fit the schema or names states the workflow does not have. */
export class InvalidFaultPlan extends Error {
  override readonly name = "InvalidFaultPlan";
}

const isPlainObject = (input: unknown): input is Record<string, unknown> =>
  typeof input === "object" && input !== null && !Array.isArray(input);

/**
 * Checks a plan against the schema and the workflow's faultable states. Unknown names are an error rather
 * than ignored: a typo would otherwise silently run the happy path and pass for a tested failure. The
 * names are read as own keys before anything else, so `__proto__` or `constructor` are refused like any
 * other unknown state instead of being dropped or reaching the prototype.
 */
export function parseFaultPlan(input: unknown, faultableStates: readonly string[]): FaultPlan {
  if (!isPlainObject(input)) throw new InvalidFaultPlan(`fault plan ${PLAN_SHAPE}`);
  const names = Object.keys(input);
  const unknown = names.filter((name) => !faultableStates.includes(name));
  if (unknown.length > 0) {
    throw new InvalidFaultPlan(
      `fault plan names unknown state${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `"${n}"`).join(", ")}; valid states: ${faultableStates.join(", ")}`,
    );
  }
  const plan = new Map<string, readonly FaultOutcome[]>();
  for (const name of names) {
    const result = v.safeParse(Outcomes, input[name]);
    if (!result.success) {
      const problems = describeIssues(result.issues).map(
        ({ path, message }) => `${name}${path === "(root)" ? "" : path}: ${message}`,
      );
      throw new InvalidFaultPlan(`fault plan ${problems.join("; ")}`);
    }
    plan.set(name, result.output);
  }
  return Object.freeze(Object.fromEntries(plan));
}

/** Hands out the planned outcome of each successive invocation of a state, for one execution. */
export class FaultSchedule {
  private readonly calls = new Map<string, number>();

  constructor(private readonly plan: FaultPlan = {}) {}

  /** The outcome of the next invocation of `stateName` (and counts it). */
  next(stateName: string): FaultOutcome {
    const call = this.calls.get(stateName) ?? 0;
    this.calls.set(stateName, call + 1);
    const planned = Object.hasOwn(this.plan, stateName) ? this.plan[stateName] : undefined;
    return planned?.[call] ?? "ok";
  }
}
