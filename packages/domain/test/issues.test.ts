import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { describeIssues, formatIssues, ValidationError } from "../src";

describe("formatIssues", () => {
  it("joins the issues as `path: message`, separated by semicolons", () => {
    // Act
    const text = formatIssues([
      { path: "items[0].sku", message: "is required" },
      { path: "(root)", message: "is not an object" },
    ]);

    // Assess
    expect(text).toBe("items[0].sku: is required; (root): is not an object");
  });

  it("is empty for no issues", () => {
    // Act / Assess
    expect(formatIssues([])).toBe("");
  });

  it("is what a ValidationError says after its subject", () => {
    // Prepare
    const parsed = v.safeParse(v.strictObject({ orderId: v.string() }), { extra: 1 });
    const issues = describeIssues(parsed.issues ?? []);

    // Act
    const error = new ValidationError(issues, "task input");

    // Assess
    expect(error.message).toBe(`invalid task input: ${formatIssues(issues)}`);
    expect(error.message).toBe("invalid task input: orderId: is required; extra: is not a known field");
  });
});
