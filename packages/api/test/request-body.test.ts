import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROBLEM_TYPES } from "../src/problem";
import { isJsonContentType, MAX_BODY_BYTES, readJsonBody } from "../src/request-body";

const json = { "content-type": "application/json" };
const randomCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((upper) => [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(""));

describe("isJsonContentType", () => {
  it("accepts application/json with or without a UTF-8 charset, in any case and spacing", () => {
    const variant = fc
      .tuple(
        randomCase("application/json"),
        fc.option(fc.tuple(randomCase("charset"), fc.constantFrom("utf-8", "UTF-8", "utf8", '"utf-8"')), {
          nil: undefined,
        }),
        fc.constantFrom("", " ", "  "),
      )
      .map(([type, charset, space]) =>
        charset ? `${type}${space};${space}${charset[0]}=${charset[1]}` : type,
      );
    fc.assert(
      fc.property(variant, (value) => {
        expect(isJsonContentType(value)).toBe(true);
      }),
    );
  });

  it.each([
    undefined,
    "",
    "text/plain",
    "application/xml",
    "application/json-patch+json",
    "application/jsonx",
    "application/json; charset=iso-8859-1",
    "application/json; charset=utf-16",
    "text/json",
    "multipart/form-data; boundary=x",
  ])("rejects %j", (value) => {
    expect(isJsonContentType(value)).toBe(false);
  });
});

describe("readJsonBody", () => {
  it("parses a JSON body", () => {
    // Act
    const result = readJsonBody({ headers: json, body: '{"a":[1,"é"]}' });

    // Assess
    expect(result).toEqual({ ok: true, value: { a: [1, "é"] } });
  });

  it("decodes a base64-encoded body", () => {
    // Prepare
    const body = Buffer.from('{"a":"ü"}').toString("base64");

    // Act
    const result = readJsonBody({ headers: json, body, isBase64Encoded: true });

    // Assess
    expect(result).toEqual({ ok: true, value: { a: "ü" } });
  });

  it("accepts exactly 64 KiB and refuses one byte more with 413", () => {
    // Prepare: a JSON string literal of the given byte length
    const ofBytes = (n: number) => `"${"x".repeat(n - 2)}"`;

    // Act
    const atLimit = readJsonBody({ headers: json, body: ofBytes(MAX_BODY_BYTES) });
    const over = readJsonBody({ headers: json, body: ofBytes(MAX_BODY_BYTES + 1) });

    // Assess
    expect(MAX_BODY_BYTES).toBe(65536);
    expect(atLimit.ok).toBe(true);
    expect(over.ok ? 200 : over.response.statusCode).toBe(413);
  });

  it("measures bytes, not characters: multi-byte text under 64 Ki characters can be too large", () => {
    // Prepare: 40 000 two-byte characters are 80 000 bytes
    const body = JSON.stringify("é".repeat(40_000));

    // Act
    const result = readJsonBody({ headers: json, body });

    // Assess
    expect(body.length).toBeLessThan(MAX_BODY_BYTES);
    expect(result.ok ? 200 : result.response.statusCode).toBe(413);
  });

  it("measures a base64 body after decoding: its encoded form may exceed 64 KiB", () => {
    // Prepare: 60 000 bytes encode to 80 000 base64 characters
    const body = Buffer.from(JSON.stringify("x".repeat(59_998))).toString("base64");

    // Act
    const result = readJsonBody({ headers: json, body, isBase64Encoded: true });

    // Assess
    expect(body.length).toBeGreaterThan(MAX_BODY_BYTES);
    expect(result.ok).toBe(true);
  });

  it("checks the media type before the size: a large non-JSON body is a 415", () => {
    // Act
    const result = readJsonBody({ headers: { "content-type": "text/plain" }, body: "x".repeat(100_000) });

    // Assess
    expect(result.ok ? 200 : result.response.statusCode).toBe(415);
  });

  it("refuses bytes that are not UTF-8 with a 400 malformed-json problem", () => {
    // Prepare: 0xff never occurs in UTF-8
    const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]).toString("base64");

    // Act
    const result = readJsonBody({ headers: json, body, isBase64Encoded: true });

    // Assess
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.response.statusCode).toBe(400);
      expect(JSON.parse(result.response.body).type).toBe(PROBLEM_TYPES.malformedJson);
    }
  });

  it("treats a missing body as malformed JSON", () => {
    // Act
    const result = readJsonBody({ headers: json });

    // Assess
    expect(result.ok ? 200 : result.response.statusCode).toBe(400);
  });
});
