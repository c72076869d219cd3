import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseCodeowners, ruleFor } from "@orderflow/workflow-lint";
import { describe, expect, it } from "vitest";
import { withOwnerRule } from "../src";
import { REPO_ROOT } from "./repo-fixtures";

const SAMPLE = [
  "*                                  @o/platform",
  "",
  "# Task packages",
  "/packages/tasks/validate-order/    @o/checkout",
  "/packages/tasks/charge-payment/    @o/payments",
  "",
  "# Platform",
  "/packages/domain/                  @o/platform",
  "",
].join("\n");

describe("withOwnerRule", () => {
  it("adds the rule after the last task rule, owners aligned with it, and changes nothing else", () => {
    // Act
    const next = withOwnerRule(SAMPLE, "packages/tasks/gift-wrap", "@o/gifts");

    // Assess
    const lines = next.split("\n");
    expect(lines[5]).toBe("/packages/tasks/gift-wrap/         @o/gifts");
    expect(lines.toSpliced(5, 1)).toEqual(SAMPLE.split("\n"));
  });

  it("keeps one space before the owner when the folder is longer than the column", () => {
    // Act
    const next = withOwnerRule(SAMPLE, `packages/tasks/${"x".repeat(40)}`, "@o/gifts");

    // Assess
    expect(next).toContain(`/packages/tasks/${"x".repeat(40)}/ @o/gifts\n`);
  });

  it("appends the rule when the file has no task rules yet", () => {
    // Act
    const next = withOwnerRule("* @o/platform", "packages/tasks/gift-wrap", "@o/gifts");

    // Assess
    expect(next).toBe("* @o/platform\n/packages/tasks/gift-wrap/ @o/gifts\n");
  });

  it.each([["/packages/tasks/gift-wrap/ @o/old"], ["/packages/tasks/gift-wrap @o/old"]])(
    "refuses to add a second rule when %j is there",
    (rule) => {
      // Prepare
      const codeowners = `${SAMPLE}${rule}\n`;

      // Act
      const attempt = () => withOwnerRule(codeowners, "packages/tasks/gift-wrap", "@o/gifts");

      // Assess
      expect(attempt).toThrow(
        ".github/CODEOWNERS already has a rule for /packages/tasks/gift-wrap/ (line 9); remove it or choose another name",
      );
    },
  );

  it("gives the new package to the team in the repository's real CODEOWNERS, as GitHub reads it", async () => {
    // Prepare
    const codeowners = await readFile(join(REPO_ROOT, ".github/CODEOWNERS"), "utf8");

    // Act
    const rules = parseCodeowners(
      withOwnerRule(codeowners, "packages/tasks/gift-wrap", "@orderflow/gifts-team"),
    );

    // Assess
    expect(ruleFor(rules, "packages/tasks/gift-wrap/src/task.ts")?.owners).toEqual(["@orderflow/gifts-team"]);
    expect(ruleFor(rules, "packages/tasks/validate-order/src/task.ts")?.owners).toEqual(
      ruleFor(parseCodeowners(codeowners), "packages/tasks/validate-order/src/task.ts")?.owners,
    );
    expect(rules).toHaveLength(parseCodeowners(codeowners).length + 1);
  });
});
