/** How one preflight check ended: passed, failed (with what to do), or skipped (and why). */
export type CheckStatus = "pass" | "fail" | "skip";

export interface CheckResult {
  /** The check's short name, as the table shows it (`credentials`, `lambda-quota`, …). */
  readonly check: string;
  readonly status: CheckStatus;
  /** What was found, in a few words. */
  readonly detail: string;
  /** For a failure: what to do about it, as one line a person can act on. */
  readonly fix?: string;
}

export const pass = (check: string, detail: string): CheckResult => ({ check, status: "pass", detail });
export const skip = (check: string, detail: string): CheckResult => ({ check, status: "skip", detail });
export const fail = (check: string, detail: string, fix: string): CheckResult => ({
  check,
  status: "fail",
  detail,
  fix,
});
