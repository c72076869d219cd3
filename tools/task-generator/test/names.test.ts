import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  camelCase,
  checkTeam,
  GeneratorError,
  MAX_TASK_NAME_LENGTH,
  pascalCase,
  TASK_NAME_PATTERN,
  TASK_TEMPLATES,
  TEMPLATE_IDENTIFIERS,
  taskNames,
} from "../src";

const word = fc.stringMatching(/^[a-z0-9]{1,6}$/);
const kebabName = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), fc.array(word, { maxLength: 4 }))
  .map(([first, rest]) => [first, ...rest].join("-"));

function reasonOf(name: string): string {
  try {
    taskNames(name);
  } catch (error) {
    expect(error).toBeInstanceOf(GeneratorError);
    return (error as Error).message;
  }
  throw new Error(`"${name}" was accepted`);
}

describe("taskNames", () => {
  it("derives the package, folder, state and function names from the kebab-case name", () => {
    // Act
    const names = taskNames("gift-wrap-2");

    // Assess
    expect(names).toEqual({
      name: "gift-wrap-2",
      packageName: "@orderflow/task-gift-wrap-2",
      dir: "packages/tasks/gift-wrap-2",
      pascalName: "GiftWrap2",
      camelName: "giftWrap2",
    });
  });

  it("gives every kebab-case name a PascalCase state name and a camelCase function name of the same letters", () => {
    fc.assert(
      fc.property(kebabName, (name) => {
        // Act
        const pascal = pascalCase(name);
        const camel = camelCase(name);

        // Assess
        expect(pascal).toMatch(/^[A-Z][A-Za-z0-9]*$/);
        expect(camel).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(pascal.toLowerCase()).toBe(name.replaceAll("-", ""));
        expect(camel.slice(1)).toBe(pascal.slice(1));
      }),
    );
  });

  it.each([
    ["Gift-Wrap", /not kebab-case/],
    ["gift_wrap", /not kebab-case/],
    ["gift--wrap", /not kebab-case/],
    ["-gift", /not kebab-case/],
    ["gift-", /not kebab-case/],
    ["1gift", /not kebab-case/],
    ["gift wrap", /not kebab-case/],
    ["../gift", /not kebab-case/],
    ["", /not kebab-case/],
    ["a".repeat(MAX_TASK_NAME_LENGTH + 1), /is 41 characters; use at most 40/],
    ["task", /repeats "task".*drop the prefix/],
    ["task-gift-wrap", /repeats "task".*drop the prefix/],
    ["failed", /reserved: the order workflow already has a state of that name/],
    ["mark-completed", /reserved: the order workflow already has a state of that name/],
    ["delete", /reserved: it is a JavaScript reserved word/],
    ["handler", /reserved: its function name handler would clash/],
    ["create-logger", /reserved: its function name createLogger would clash/],
  ])("refuses %j, saying why", (name, reason) => {
    // Act
    const message = reasonOf(name);

    // Assess
    expect(message).toMatch(reason);
    expect(message).toContain(`"${name}"`);
  });

  it("accepts a name of the longest allowed length", () => {
    // Prepare
    const name = `gift-${"w".repeat(MAX_TASK_NAME_LENGTH - 5)}`;

    // Act
    const names = taskNames(name);

    // Assess
    expect(names.name).toHaveLength(MAX_TASK_NAME_LENGTH);
  });

  it("refuses every name with a character outside a-z, 0-9 and the hyphen", () => {
    fc.assert(
      fc.property(
        kebabName,
        fc.nat(),
        fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).filter((c) => !/[a-z0-9-]/.test(c)),
        (name, at, bad) => {
          // Prepare
          const index = at % (name.length + 1);
          const broken = name.slice(0, index) + bad + name.slice(index);

          // Act
          const message = reasonOf(broken);

          // Assess
          expect(message).toMatch(/not kebab-case|characters; use at most/);
        },
      ),
    );
  });

  it("agrees with the documented name pattern for every name it accepts", () => {
    fc.assert(
      fc.property(fc.oneof(kebabName, fc.string({ maxLength: 12 })), (name) => {
        // Act
        let accepted = true;
        try {
          taskNames(name);
        } catch {
          accepted = false;
        }

        // Assess
        if (accepted) expect(name).toMatch(TASK_NAME_PATTERN);
      }),
    );
  });
});

describe("checkTeam", () => {
  it.each(["@orderflow/payments-team", "@acme/Team_1"])("accepts %s", (team) => {
    expect(checkTeam(team)).toBe(team);
  });

  it.each([
    "orderflow/payments-team",
    "@orderflow",
    "@orderflow/",
    "@orderflow/pay ments",
    "@a/b/c",
    "a@b.c",
  ])("refuses %j with the expected form", (team) => {
    expect(() => checkTeam(team)).toThrow(`team "${team}" is not a GitHub team: write it as @org/team`);
  });
});

/** Identifiers declared or imported in a template: imports, const/let/function names, parameters. */
function declaredIdentifiers(source: string): string[] {
  const found: string[] = [];
  const listed = (list: string) =>
    list
      .split(",")
      .map(
        (part) =>
          part
            .replace(/^\s*type\s+/, "")
            .split(/\s+as\s+/)
            .at(-1)
            ?.split(":")[0]
            ?.trim() ?? "",
      )
      .filter(Boolean);
  for (const m of source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}/g)) found.push(...listed(m[1] ?? ""));
  for (const m of source.matchAll(/import\s+(?:\*\s+as\s+)?(\w+)\s+from/g)) found.push(m[1] ?? "");
  for (const m of source.matchAll(/\b(?:const|let|var|function)\s+(\w+)/g)) found.push(m[1] ?? "");
  for (const m of source.matchAll(/\b(?:const|let)\s+\{([^}]*)\}\s*=/g)) found.push(...listed(m[1] ?? ""));
  for (const m of source.matchAll(/for\s*\(const\s+\[([^\]]*)\]/g)) found.push(...listed(m[1] ?? ""));
  for (const m of source.matchAll(/\(([\w\s,:.[\]<>]*)\)\s*(?::\s*[\w<>[\]]+\s*)?(?:=>|\{)/g)) {
    found.push(...listed(m[1] ?? ""));
  }
  return found.filter((id) => /^[a-z][A-Za-z0-9]*$/.test(id));
}

describe("TEMPLATE_IDENTIFIERS", () => {
  it("lists every lower-case identifier the TypeScript templates declare, so no task name can shadow one", async () => {
    // Prepare
    const files = (await readdir(TASK_TEMPLATES, { recursive: true })).filter((f) => f.endsWith(".ts.tmpl"));
    const sources = await Promise.all(files.map((f) => readFile(join(TASK_TEMPLATES, f), "utf8")));

    // Act
    const declared = new Set(
      sources.flatMap((source) => declaredIdentifiers(source.replaceAll("{{camelName}}", ""))),
    );

    // Assess
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(declared).toContain("handler");
    expect([...declared].filter((id) => !TEMPLATE_IDENTIFIERS.includes(id)).sort()).toEqual([]);
  });

  it("makes taskNames refuse each of them", () => {
    for (const id of TEMPLATE_IDENTIFIERS) {
      const kebab = id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(reasonOf(kebab), kebab).toMatch(/reserved|repeats "task"/);
    }
  });
});
