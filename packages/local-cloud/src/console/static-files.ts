import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

const STATIC_DIR = fileURLToPath(new URL("./static/", import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/**
 * One of the console's files by URL path (`/` is index.html), read when asked so an edited page shows on
 * the next reload; only files that are in the folder and of a known type are served.
 */
export function consoleFile(path: string): { readonly type: string; readonly body: Buffer } | undefined {
  const name = path === "/" ? "index.html" : path.slice(1);
  const type = TYPES[extname(name)];
  if (!type || !readdirSync(STATIC_DIR).includes(name)) return undefined;
  return { type, body: readFileSync(join(STATIC_DIR, name)) };
}
