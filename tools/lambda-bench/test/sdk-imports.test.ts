import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sdkImportsOf } from "../src/sdk-imports";

const packageName = fc.stringMatching(/^(client|lib|util)-[a-z0-9]{2,12}$/).map((n) => `@aws-sdk/${n}`);

/** The ways a bundle can load a module, as esbuild writes them minified and as people write them. */
const forms = [
  (s: string) => `import{A as b,C as d}from"${s}";`,
  (s: string) => `import * as ns from '${s}';`,
  (s: string) => `import"${s}";`,
  (s: string) => `export{X}from"${s}";`,
  (s: string) => `const m=await import("${s}");`,
  (s: string) => `const r=require('${s}');`,
];

describe("sdkImportsOf", () => {
  it("finds every @aws-sdk module a bundle loads, in any import form, once each and sorted", () => {
    const imports = fc.array(fc.tuple(packageName, fc.integer({ min: 0, max: forms.length - 1 })), {
      maxLength: 8,
    });
    fc.assert(
      fc.property(imports, (list) => {
        // Prepare
        const bundle = list.map(([name, form]) => `var x=1;${forms[form]?.(name)}`).join("\n");

        // Act
        const found = sdkImportsOf(bundle);

        // Assess
        expect(found).toEqual([...new Set(list.map(([name]) => name))].sort());
      }),
    );
  });

  it("ignores other packages and @aws-sdk mentioned in strings that are not imports", () => {
    // Prepare
    const bundle = `import{Logger}from"@aws-lambda-powertools/logger";import{x}from"@aws-sdk/lib-dynamodb";var m="see @aws-sdk/client-s3";`;

    // Act
    const found = sdkImportsOf(bundle);

    // Assess
    expect(found).toEqual(["@aws-sdk/lib-dynamodb"]);
  });
});
