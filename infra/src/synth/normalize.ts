import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { isSecretValue } from "./mocks";

export const SECRET_MARKER = "[secret]";
export const UNKNOWN_MARKER = "[unknown]";

/** The engine's wire value for a not-yet-known output (`@pulumi/pulumi/runtime/rpc`). */
const UNKNOWN_WIRE_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface NormalizeContext {
  /** Plain values of every secret config key: masked wherever they turn up, wrapped or not. */
  readonly secretValues: readonly string[];
}

/**
 * A JSON-ready copy of a captured value: object keys sorted, secrets and unknowns replaced by markers,
 * archives as repository-relative paths, so the same program and config always give the same bytes.
 */
export async function normalize(value: unknown, context: NormalizeContext): Promise<unknown> {
  if (value === null || value === undefined) return null;
  if (isSecretValue(value)) return SECRET_MARKER;
  if (pulumi.isUnknown(value) || value === UNKNOWN_WIRE_VALUE) return UNKNOWN_MARKER;
  if (typeof value === "string") return maskSecrets(workspaceRelative(value), context);
  if (typeof value !== "object") return value;
  if (pulumi.asset.Archive.isInstance(value) || pulumi.asset.Asset.isInstance(value))
    return describeAsset(value);
  if (Array.isArray(value)) return Promise.all((value as unknown[]).map((item) => normalize(item, context)));
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const result: Record<string, unknown> = {};
  for (const [key, item] of entries) result[key] = await normalize(item, context);
  return result;
}

function maskSecrets(text: string, context: NormalizeContext): string {
  let masked = text;
  for (const secret of context.secretValues) {
    if (secret !== "") masked = masked.split(secret).join(SECRET_MARKER);
  }
  return masked;
}

async function describeAsset(value: pulumi.asset.Archive | pulumi.asset.Asset): Promise<unknown> {
  const withAssets = value as { assets?: Promise<Record<string, pulumi.asset.Archive | pulumi.asset.Asset>> };
  if (withAssets.assets !== undefined) {
    const assets = await withAssets.assets;
    const entries = Object.entries(assets).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const described = await Promise.all(
      entries.map(async ([name, asset]) => [name, await describeAsset(asset)] as const),
    );
    return { archive: Object.fromEntries(described) };
  }
  const withPath = value as { path?: Promise<string> };
  if (withPath.path !== undefined) {
    const kind = pulumi.asset.Archive.isInstance(value) ? "archive" : "asset";
    return { [kind]: repositoryRelative(await withPath.path) };
  }
  return { asset: "(inline)" };
}

const workspaceRoot = findWorkspaceRoot(dirname(fileURLToPath(import.meta.url)));

/**
 * An absolute path inside the workspace (e.g. a Docker build context) as a repository-relative one, so the
 * synth does not depend on where the repository is checked out.
 */
function workspaceRelative(text: string): string {
  if (workspaceRoot === undefined || !text.startsWith(`${workspaceRoot}${sep}`)) return text;
  return relative(workspaceRoot, text);
}

function findWorkspaceRoot(start: string): string | undefined {
  let dir = start;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return dir;
}

/** Paths relative to the workspace root, so the synth does not depend on where the repository is checked out. */
export function repositoryRelative(path: string): string {
  const root = findWorkspaceRoot(path);
  return root === undefined ? path : relative(root, path);
}
