import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderTemplate, renderTree } from "../src";
import { tempDir } from "./repo-fixtures";

async function templateDir(files: Record<string, string>): Promise<string> {
  const dir = await tempDir("templates");
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe("renderTemplate", () => {
  it("replaces every placeholder, repeated or with spaces inside the braces", () => {
    // Act
    const text = renderTemplate("export const {{ camel }} = '{{name}}'; // {{camel}}", {
      camel: "giftWrap",
      name: "gift-wrap",
    });

    // Assess
    expect(text).toBe("export const giftWrap = 'gift-wrap'; // giftWrap");
  });

  it("takes keys with the characters of package names, for version pins", () => {
    // Act
    const text = renderTemplate('"valibot": "{{version:@valibot/x}}"', { "version:@valibot/x": "1.5.0" });

    // Assess
    expect(text).toBe('"valibot": "1.5.0"');
  });

  it("never reads a value as a template", () => {
    // Act
    const text = renderTemplate("{{a}} and {{b}}", { a: "{{b}}", b: "B" });

    // Assess
    expect(text).toBe("{{b}} and B");
  });

  it("leaves text without placeholders as it is", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes("{{") && !s.includes("}}")),
        (text) => {
          // Act
          const rendered = renderTemplate(text, { name: "x" });

          // Assess
          expect(rendered).toBe(text);
        },
      ),
    );
  });

  it("keeps the benchmark fixture's own placeholder and single braces", () => {
    // Prepare
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the fixtures' literal placeholder, not a template
    const fixture = '{ "event": { "orderId": "${ORDER_ID}" }, "seed": { "x": {} } }';

    // Act
    const rendered = renderTemplate(fixture, {});

    // Assess
    expect(rendered).toBe(fixture);
  });

  it("refuses a placeholder it has no value for, naming the template, the line and the known keys", () => {
    // Act
    const attempt = () =>
      renderTemplate("line one\n{{pascalName}} {{nmae}}", { pascalName: "X", name: "x" }, "src/a.ts.tmpl");

    // Assess
    expect(attempt).toThrow(
      "src/a.ts.tmpl: placeholder {{nmae}} at line 2 has no value; the generator defines name, pascalName",
    );
  });

  it.each([
    ["{{}}", "malformed placeholder {{}} at line 1"],
    ["a\n{{two words}}", "malformed placeholder {{two words}} at line 2"],
    ["{{1st}}", "malformed placeholder {{1st}}"],
    ["ok {{name}} but {{name}", 'unbalanced "{{" or "}}" at line 1'],
    ["x\ny\nname}}", 'unbalanced "{{" or "}}" at line 3'],
    ["{{ {name} }}", 'unbalanced "{{" or "}}"'],
  ])("refuses the malformed template %j", (template, message) => {
    expect(() => renderTemplate(template, { name: "x" })).toThrow(message);
  });
});

describe("renderTree", () => {
  it("renders every .tmpl file under the folder to its path without the suffix, sorted", async () => {
    // Prepare
    const dir = await templateDir({
      "src/core.ts.tmpl": "export const {{camel}} = 1;\n",
      "package.json.tmpl": '{ "name": "{{name}}" }\n',
      "test/deep/a.test.ts.tmpl": "// {{name}}\n",
    });

    // Act
    const files = await renderTree(dir, { name: "gift-wrap", camel: "giftWrap" });

    // Assess
    expect(files).toEqual([
      { path: "package.json", content: '{ "name": "gift-wrap" }\n' },
      { path: "src/core.ts", content: "export const giftWrap = 1;\n" },
      { path: "test/deep/a.test.ts", content: "// gift-wrap\n" },
    ]);
  });

  it("refuses a file that is not a template, so stray files never reach a package", async () => {
    // Prepare
    const dir = await templateDir({ "src/core.ts.tmpl": "x\n", "src/notes.md": "scratch\n" });

    // Act
    const attempt = renderTree(dir, {});

    // Assess
    await expect(attempt).rejects.toThrow(/src\/notes\.md is not a template: template files end in \.tmpl/);
  });

  it("names the template whose placeholder has no value", async () => {
    // Prepare
    const dir = await templateDir({ "src/core.ts.tmpl": "{{name}}\n{{missing}}\n" });

    // Act
    const attempt = renderTree(dir, { name: "x" });

    // Assess
    await expect(attempt).rejects.toThrow("src/core.ts.tmpl: placeholder {{missing}} at line 2 has no value");
  });
});
