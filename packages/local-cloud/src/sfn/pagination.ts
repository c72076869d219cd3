import { invalidMember, SfnError } from "./errors";

/**
 * One page of `items`: at most `maxResults` (0 or absent means the operation's default, as AWS treats it)
 * from the position `nextToken` names, and the token of the next page when there is one.
 */
export function page<T>(
  items: readonly T[],
  request: { readonly maxResults?: unknown; readonly nextToken?: unknown },
  limits: { readonly default: number; readonly max: number },
): { readonly items: T[]; readonly nextToken?: string } {
  const { maxResults, nextToken } = request;
  if (
    maxResults !== undefined &&
    (typeof maxResults !== "number" || maxResults < 0 || maxResults > limits.max)
  ) {
    throw invalidMember("maxResults", `Member must have value less than or equal to ${limits.max}`);
  }
  const size = typeof maxResults === "number" && maxResults > 0 ? maxResults : limits.default;
  let start = 0;
  if (nextToken !== undefined) {
    start =
      typeof nextToken === "string"
        ? Number(Buffer.from(nextToken, "base64url").toString("utf8"))
        : Number.NaN;
    if (!Number.isSafeInteger(start) || start < 0)
      throw new SfnError("InvalidToken", "Invalid Token: 'nextToken'");
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    ...(end < items.length && { nextToken: Buffer.from(String(end)).toString("base64url") }),
  };
}
