/** Step Functions' limits on SendTaskFailure's `error` and `cause`, in characters. */
export const MAX_ERROR_LENGTH = 256;
export const MAX_CAUSE_LENGTH = 32_768;

function clip(text: string, max: number): string {
  // By code points, so a cut never splits a character.
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * The SendTaskFailure fields for an error: `error` is its name (`ShipmentFailed`, `ValidationError` … —
 * what the workflow's Retry and Catch match, as for a Lambda) and `cause` its message, both cut to Step
 * Functions' limits so the report itself is never refused.
 */
export function failureOf(thrown: unknown): { error: string; cause: string } {
  const { name, message } = thrown instanceof Error ? thrown : new Error(String(thrown));
  return { error: clip(name || "Error", MAX_ERROR_LENGTH), cause: clip(message, MAX_CAUSE_LENGTH) };
}
