import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { GeneratorError } from "./generator-error";

/** Values for the `{{key}}` placeholders of a template. */
export type TemplateVars = Readonly<Record<string, string>>;

/** Templates end in this suffix so Biome and tsc leave them alone; the rendered file drops it. */
export const TEMPLATE_SUFFIX = ".tmpl";

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const KEY = /^[A-Za-z][\w.:@/-]*$/;

/**
 * Replaces every `{{key}}` (spaces inside the braces allowed) with its value, in one pass: a value is
 * never scanned for placeholders. Strict, so a template and the generator cannot drift apart silently:
 * an unknown key, a malformed placeholder or a stray `{{` / `}}` throws, naming `source`.
 *
 * @param source names the template in error messages
 * @default source "template"
 */
export function renderTemplate(template: string, vars: TemplateVars, source = "template"): string {
  const stray = template.replace(PLACEHOLDER, "").search(/\{\{|\}\}/);
  if (stray !== -1) {
    throw new Error(`${source}: unbalanced "{{" or "}}" at line ${lineAt(template, stray)}`);
  }
  return template.replace(PLACEHOLDER, (_match, raw: string, offset: number) => {
    const key = raw.trim();
    if (!KEY.test(key)) {
      throw new Error(`${source}: malformed placeholder {{${raw}}} at line ${lineAt(template, offset)}`);
    }
    const value = vars[key];
    if (value === undefined) {
      throw new Error(
        `${source}: placeholder {{${key}}} at line ${lineAt(template, offset)} has no value; the generator defines ${Object.keys(vars).sort().join(", ")}`,
      );
    }
    return value;
  });
}

/** 1-based line of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

/** One rendered file, at its path relative to the package it belongs to (always `/`-separated). */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Renders every file under `dir`, sorted by path. Each must end in {@link TEMPLATE_SUFFIX}, so a file
 * that was never meant to be a template cannot slip into generated packages.
 */
export async function renderTree(dir: string, vars: TemplateVars): Promise<RenderedFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  const rendered: RenderedFile[] = [];
  for (const file of files) {
    const path = relative(dir, file).split(sep).join("/");
    if (!path.endsWith(TEMPLATE_SUFFIX)) {
      throw new GeneratorError(`${file} is not a template: template files end in ${TEMPLATE_SUFFIX}`);
    }
    const content = renderTemplate(await readFile(file, "utf8"), vars, path);
    rendered.push({ path: path.slice(0, -TEMPLATE_SUFFIX.length), content });
  }
  return rendered.sort((a, b) => a.path.localeCompare(b.path));
}
