import { PROBLEM_TYPES, problemResponse } from "./problem";
import type { HttpResponse } from "./responses";

/** Largest accepted request body, in bytes after base64 decoding. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface RawRequestBody {
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
}

export type BodyResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly response: HttpResponse };

/** `application/json`, optionally with a UTF-8 `charset` parameter (any case, quoted or not). */
const JSON_CONTENT_TYPE = /^\s*application\/json\s*(?:;\s*charset\s*=\s*(?:utf-?8|"utf-?8")\s*)?$/i;

export function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && JSON_CONTENT_TYPE.test(value);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The request body as parsed JSON, or the problem response that says why it cannot be: 415 when it is
 * not declared as JSON, 413 when it is larger than {@link MAX_BODY_BYTES}, 400 when it is not UTF-8 JSON.
 */
export function readJsonBody(request: RawRequestBody): BodyResult {
  // HTTP APIs lower-case header names in payload format 2.0.
  const contentType = request.headers?.["content-type"];
  if (!isJsonContentType(contentType)) {
    return {
      ok: false,
      response: problemResponse(415, "send the order as JSON with content-type application/json", {
        headers: { "accept-post": "application/json" },
      }),
    };
  }
  const text = request.body ?? "";
  // Every character is at least one byte (four base64 characters at least three): a body that long is
  // refused before it is decoded, let alone parsed.
  const atLeast = request.isBase64Encoded ? Math.floor((text.length * 3) / 4) - 2 : text.length;
  const bytes =
    atLeast > MAX_BODY_BYTES ? undefined : Buffer.from(text, request.isBase64Encoded ? "base64" : "utf8");
  if (!bytes || bytes.byteLength > MAX_BODY_BYTES) {
    return {
      ok: false,
      response: problemResponse(413, `an order may have at most ${MAX_BODY_BYTES} bytes`),
    };
  }
  try {
    return { ok: true, value: JSON.parse(utf8.decode(bytes)) };
  } catch {
    return {
      ok: false,
      response: problemResponse(400, "the body is not valid UTF-8 encoded JSON", {
        type: PROBLEM_TYPES.malformedJson,
        title: "Malformed JSON",
      }),
    };
  }
}
