import type { TaskManifest } from "@orderflow/domain";

/** A workflow step as the registry knows it: its package folder, owners and manifest. */
export interface RegisteredTask {
  /** Repository-relative folder, `packages/tasks/gift-wrap`: where infra finds its built code. */
  readonly dir: string;
  readonly owners: readonly string[];
  readonly manifest: TaskManifest;
}
