/** One line of the performance table: what was measured, against what floor, and the goal it is held to. */
export interface Measure {
  readonly area: string;
  readonly what: string;
  /** The measured value, formatted with its unit. */
  readonly result: string;
  /** The floor the result is compared with, measured in the same run, formatted; absent for absolute goals. */
  readonly floor?: string;
  /** The number the goal is about: result / floor, or the result itself for absolute goals. */
  readonly score: number;
  readonly goal: Goal;
}

/** A bound on a measure's score. */
export interface Goal {
  readonly at: "most" | "least";
  readonly bound: number;
  /** How the bound reads in the table, e.g. `≤ 1.5× floor`. */
  readonly label: string;
  /** Set where the bench that wrote the file judged the goal itself, by more than the bound. */
  readonly verdict?: boolean;
}

export const atMost = (bound: number, label: string): Goal => ({ at: "most", bound, label });
export const atLeast = (bound: number, label: string): Goal => ({ at: "least", bound, label });

export function goalMet({ score, goal }: Measure): boolean {
  if (goal.verdict !== undefined) return goal.verdict;
  return goal.at === "most" ? score <= goal.bound : score >= goal.bound;
}

/** Two decimals, trailing zeros dropped: 1.50 → 1.5, 2.00 → 2. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;
