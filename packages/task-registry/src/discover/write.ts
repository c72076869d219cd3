import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { REGISTRY_MODULE, REGISTRY_PACKAGE_JSON, renderRegistry, renderRegistryPackageJson } from "./render";
import { discoverTaskPackages } from "./task-packages";

/** A file the registry renders: its repository-relative path, what it holds and what it must hold. */
export interface RenderedFile {
  readonly path: string;
  readonly current: string;
  readonly expected: string;
}

/** The registry module and package.json as they are in `root` and as its task packages render them. */
export async function renderedRegistryFiles(root: string): Promise<RenderedFile[]> {
  const packages = await discoverTaskPackages(root);
  const read = (path: string) => readFile(join(root, path), "utf8").catch(() => "");
  const packageJson = await read(REGISTRY_PACKAGE_JSON);
  return [
    { path: REGISTRY_MODULE, current: await read(REGISTRY_MODULE), expected: renderRegistry(packages) },
    {
      path: REGISTRY_PACKAGE_JSON,
      current: packageJson,
      expected: renderRegistryPackageJson(packageJson, packages),
    },
  ];
}

/**
 * Rewrites the registry's files from `root`'s task packages (each a sibling renamed over it, so no reader
 * sees half a file).
 *
 * @returns the repository-relative paths that changed
 */
export async function writeRegistry(root: string): Promise<string[]> {
  const changed: string[] = [];
  for (const file of await renderedRegistryFiles(root)) {
    if (file.current === file.expected) continue;
    const path = join(root, file.path);
    await writeFile(`${path}.${process.pid}`, file.expected);
    await rename(`${path}.${process.pid}`, path);
    changed.push(file.path);
  }
  return changed;
}
