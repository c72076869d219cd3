import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** Where the task packages live: every folder here with a package.json is one. */
export const TASKS_DIR = "packages/tasks";

/** `@org/team`, `@user` or an e-mail address: what GitHub's CODEOWNERS accepts as an owner. */
const OWNER = /^(?:@[A-Za-z0-9-]+(?:\/[A-Za-z0-9_-]+)?|[^@\s]+@[^@\s]+)$/;
const STATE_NAME = /^[A-Z][A-Za-z0-9]*$/;

/**
 * A task package as its package.json registers it:
 * `"orderflow": { "owners": ["@org/team"], "state": "GiftWrap" }`. `state` makes it a workflow step,
 * whose manifest is the package's `./task` export named `task`; without it the package is a function
 * beside the workflow (an event consumer).
 */
export interface TaskPackage {
  /** Repository-relative folder, `packages/tasks/gift-wrap`. */
  readonly dir: string;
  readonly packageName: string;
  readonly owners: readonly string[];
  readonly state?: string;
}

/** A task package.json without a usable `orderflow` field. */
export class InvalidTaskRegistration extends Error {
  override readonly name = "InvalidTaskRegistration";
}

interface Registration {
  readonly name?: unknown;
  readonly orderflow?: { readonly owners?: unknown; readonly state?: unknown };
}

/** The registration one package.json states, or an InvalidTaskRegistration saying what to write. */
export function registrationOf(dir: string, packageJson: Registration): TaskPackage {
  const fix = `set "orderflow": { "owners": ["@org/team"], "state": "PascalName" } in ${dir}/package.json`;
  const { name, orderflow } = packageJson;
  if (typeof name !== "string") throw new InvalidTaskRegistration(`${dir}/package.json has no name`);
  const owners = orderflow?.owners;
  if (!Array.isArray(owners) || owners.length === 0) {
    throw new InvalidTaskRegistration(`${dir}/package.json names no owners: ${fix}`);
  }
  const bad = owners.find((owner) => typeof owner !== "string" || !OWNER.test(owner));
  if (bad !== undefined) {
    throw new InvalidTaskRegistration(
      `${dir}/package.json: owner ${JSON.stringify(bad)} is not an @org/team, @user or e-mail; ${fix}`,
    );
  }
  const state = orderflow?.state;
  if (state !== undefined && (typeof state !== "string" || !STATE_NAME.test(state))) {
    throw new InvalidTaskRegistration(
      `${dir}/package.json: state ${JSON.stringify(state)} is not a PascalCase state name; ${fix}`,
    );
  }
  return { dir, packageName: name, owners, ...(state !== undefined && { state }) };
}

/** Every task package under {@link TASKS_DIR} of `root`, in folder order. */
export async function discoverTaskPackages(root: string): Promise<TaskPackage[]> {
  const entries = await readdir(join(root, TASKS_DIR), { withFileTypes: true });
  const found: TaskPackage[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = `${TASKS_DIR}/${entry.name}`;
    const text = await readFile(join(root, dir, "package.json"), "utf8").catch(() => undefined);
    if (text !== undefined) found.push(registrationOf(dir, JSON.parse(text) as Registration));
  }
  return found;
}
