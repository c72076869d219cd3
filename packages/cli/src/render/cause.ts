/**
 * A Cause as a person reads it: Lambda causes are the runtime's JSON error document, of which the
 * message is the useful part; other causes are already text.
 */
export function readableCause(cause: string | null | undefined): string {
  if (!cause) return "";
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed?.errorMessage === "string") return parsed.errorMessage;
  } catch {
    // not JSON: plain text cause
  }
  return cause;
}
