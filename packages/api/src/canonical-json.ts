import { createHash } from "node:crypto";

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return Object.fromEntries(keys.map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/**
 * JSON with object keys sorted at every level, so two requests that differ only in key order or
 * whitespace serialise alike: the same bytes for the repeat check and for the workflow input.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * SHA-256 of the canonical JSON. It covers the card token so a repeat with another card is a conflict;
 * tokens are provider-issued random strings, so the stored hash does not give one away.
 */
export function fingerprint(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}
