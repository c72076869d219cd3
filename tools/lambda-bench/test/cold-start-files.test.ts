import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { coldStartFiles, staticRelativeImportsOf } from "../src/cold-start-files";

describe("staticRelativeImportsOf", () => {
  it("finds static imports and re-exports of relative modules, in every form esbuild and people write", () => {
    // Prepare
    const code = [
      'import{a as b,c as d}from"./chunks/chunk-AB12.mjs";',
      "import * as ns from '../shared.mjs';",
      'import"./side-effect.mjs";',
      'export{x}from"./re-export.mjs";',
      'export*from"./star.mjs";',
      'import def from"./default.mjs";',
    ].join("");

    // Act
    const found = staticRelativeImportsOf(code);

    // Assess
    expect(found).toEqual([
      "./chunks/chunk-AB12.mjs",
      "../shared.mjs",
      "./side-effect.mjs",
      "./re-export.mjs",
      "./star.mjs",
      "./default.mjs",
    ]);
  });

  it("leaves out dynamic imports and packages", () => {
    // Prepare
    const code =
      'import{DynamoDBClient as a}from"@aws-sdk/client-dynamodb";import{b}from"node:crypto";' +
      'async function s(){return import("./chunks/stripe-connect-X1.mjs")}let t=await import("./lazy.mjs");';

    // Act
    const found = staticRelativeImportsOf(code);

    // Assess
    expect(found).toEqual([]);
  });
});

describe("coldStartFiles", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("is the bundle and the chunks it imports statically, transitively and once each, not the lazy ones", () => {
    // Prepare: handler → shared (static) → common (static); handler → lazy (dynamic) → shared
    dir = mkdtempSync(join(tmpdir(), "cold-start-files-"));
    mkdirSync(join(dir, "chunks"));
    const file = (name: string, code: string) => {
      writeFileSync(join(dir as string, name), code);
      return join(dir as string, name);
    };
    const handler = file(
      "handler.mjs",
      'import{a}from"./chunks/shared.mjs";export const handler=()=>import("./chunks/lazy.mjs");',
    );
    const shared = file("chunks/shared.mjs", 'import{c}from"./common.mjs";export const a=c;');
    const common = file("chunks/common.mjs", "export const c=1;");
    file("chunks/lazy.mjs", 'import{a}from"./shared.mjs";import"./only-lazy.mjs";export const l=a;');
    file("chunks/only-lazy.mjs", "export{};");

    // Act
    const files = coldStartFiles(handler);

    // Assess
    expect(files).toEqual([handler, shared, common]);
  });
});
