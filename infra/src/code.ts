import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import type { TaskManifest } from "@orderflow/domain";
import { REGISTERED_TASKS } from "@orderflow/task-registry";
import * as pulumi from "@pulumi/pulumi";
import { enclosingDir, PROGRAM_DIR } from "./program-dir";

/** The esbuild output every Lambda package's `build` writes, and the handler export inside it. */
export const HANDLER_FILE = "handler.mjs";
export const LAMBDA_HANDLER = "handler.handler";

const require = createRequire(import.meta.url);

/**
 * Where a workspace package lives on disk. Packages export only their source modules (no
 * `./package.json`), so this resolves one of its exported modules and walks up to its package.json.
 */
export function packageDir(exportedModule: string): string {
  return enclosingDir(dirname(require.resolve(exportedModule)), "package.json");
}

/**
 * The folder of a workflow step's package, from the task registry (repository-relative, so it holds
 * for the sources and for the bundle the CLI runs): infra lists no step among its dependencies.
 */
export function registeredTaskDir(manifest: TaskManifest): string {
  const registered = REGISTERED_TASKS.find((t) => t.manifest.name === manifest.name);
  if (!registered) {
    throw new Error(
      `${manifest.name} is not a registered task: give packages/tasks/${manifest.name}/package.json an "orderflow" field with its owners and state`,
    );
  }
  return join(dirname(PROGRAM_DIR), registered.dir);
}

/** Where a handler bundle split with esbuild keeps the code it loads lazily (e.g. a provider's SDK). */
export const CHUNK_DIR = "chunks";

/**
 * The built code of a Lambda package as a deployment archive: the handler bundle, its `chunks/` when the
 * build split off lazily loaded code, and their source maps only (a package may build more into `dist/`,
 * e.g. a container bundle, which has no place in the function). Fails with the fix when the package has
 * not been built, instead of deploying an empty function.
 */
export function lambdaCode(exportedModule: string): pulumi.asset.AssetArchive {
  return lambdaCodeIn(packageDir(exportedModule));
}

/** {@link lambdaCode} of the package in the folder `dir`. */
export function lambdaCodeIn(dir: string): pulumi.asset.AssetArchive {
  const dist = join(dir, "dist");
  if (!existsSync(join(dist, HANDLER_FILE))) {
    throw new Error(
      `${dist}/${HANDLER_FILE} is missing: run \`pnpm turbo run build --filter=@orderflow/infra...\` first`,
    );
  }
  const chunks = existsSync(join(dist, CHUNK_DIR))
    ? readdirSync(join(dist, CHUNK_DIR))
        .sort()
        .map((file) => `${CHUNK_DIR}/${file}`)
    : [];
  const files = [HANDLER_FILE, `${HANDLER_FILE}.map`, ...chunks].filter((file) =>
    existsSync(join(dist, file)),
  );
  return new pulumi.asset.AssetArchive(
    Object.fromEntries(files.map((file) => [file, new pulumi.asset.FileAsset(join(dist, file))])),
  );
}

/** Where a task package's container build puts its entry module (the Dockerfile copies `dist/container/`). */
export const CONTAINER_BUNDLE_DIR = join("dist", "container");
export const CONTAINER_ENTRY = "main.mjs";

/** A container task's image build: the package as context, its Dockerfile, and a tag derived from content. */
export interface ContainerImageSource {
  /**
   * The task package's folder, the Docker build context, relative to the program's folder. An absolute
   * path would differ per checkout: deploying from another folder would count as a change and rebuild,
   * then push the same content tag again, which the repository's immutable tags refuse.
   */
  readonly context: string;
  /** The package's Dockerfile, relative to the program's folder like the context. */
  readonly dockerfile: string;
  /**
   * Hash of the Dockerfile and the bundle: a new tag exactly when the image can change, which the
   * repository's immutable tags require (awsx would otherwise reuse one tag per stack for every build).
   */
  readonly tag: string;
}

/**
 * The container build of a task package. Fails with the fix when the package has no Dockerfile or its
 * container bundle has not been built, instead of deploying an image without code.
 */
export function containerImage(exportedModule: string): ContainerImageSource {
  return containerImageIn(packageDir(exportedModule));
}

/** {@link containerImage} of the package in the folder `context`. */
export function containerImageIn(context: string): ContainerImageSource {
  const dockerfile = join(context, "Dockerfile");
  if (!existsSync(dockerfile))
    throw new Error(`${dockerfile} is missing: a container task needs a Dockerfile`);
  const bundleDir = join(context, CONTAINER_BUNDLE_DIR);
  if (!existsSync(join(bundleDir, CONTAINER_ENTRY))) {
    throw new Error(
      `${bundleDir}/${CONTAINER_ENTRY} is missing: run \`pnpm turbo run build --filter=@orderflow/infra...\` first`,
    );
  }
  const hash = createHash("sha256");
  const inputs = [dockerfile, join(context, ".dockerignore"), ...filesUnder(bundleDir)];
  for (const file of inputs.filter((f) => existsSync(f))) {
    hash.update(relative(context, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return {
    context: relative(PROGRAM_DIR, context),
    dockerfile: relative(PROGRAM_DIR, dockerfile),
    tag: hash.digest("hex").slice(0, 16),
  };
}

/** Every file below `dir`, in a stable order. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
