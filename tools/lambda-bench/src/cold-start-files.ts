import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Static imports and re-exports of relative modules in (minified) ESM: `import{a as b}from"./chunks/c.mjs"`,
 * `import"./c.mjs"`, `export*from"./c.mjs"`. Not `import("./c.mjs")`: a dynamic import loads only when the
 * code calls it (the Stripe adapter of the payment tasks), so it is no part of a cold start.
 */
const STATIC_RELATIVE = /\b(?:import|export)\s*(?:[\w$*{][^"';]*?\bfrom\s*)?(["'])(\.{1,2}\/[^"'\s]+)\1/g;

/** The relative module specifiers `code` imports statically, in order of appearance. */
export function staticRelativeImportsOf(code: string): string[] {
  return [...code.matchAll(STATIC_RELATIVE)].map((match) => match[2] as string);
}

/**
 * The files a cold start loads before the handler runs: the bundle and, transitively, the chunks it
 * imports statically (esbuild's code splitting moves code shared with a lazily loaded chunk into one).
 * @returns absolute paths, the bundle first.
 */
export function coldStartFiles(bundle: string): string[] {
  const files = [resolve(bundle)];
  for (let next = 0; next < files.length; next++) {
    const file = files[next] as string;
    for (const specifier of staticRelativeImportsOf(readFileSync(file, "utf8"))) {
      const imported = resolve(dirname(file), specifier);
      if (!files.includes(imported)) files.push(imported);
    }
  }
  return files;
}
