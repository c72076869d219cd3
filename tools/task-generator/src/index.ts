export { CODEOWNERS_FILE, ownerPattern, withOwnerRule } from "./codeowners";
export {
  type GeneratedTask,
  type GenerateOptions,
  generateTask,
  TASK_TEMPLATES,
  templateVars,
} from "./generate";
export { GeneratorError } from "./generator-error";
export {
  camelCase,
  checkTeam,
  DEFAULT_TEAM,
  MAX_TASK_NAME_LENGTH,
  pascalCase,
  TASK_NAME_PATTERN,
  type TaskNames,
  TEAM_PATTERN,
  TEMPLATE_IDENTIFIERS,
  taskNames,
} from "./names";
export { PLACEMENT_FILE, workflowStep } from "./next-steps";
export { type RenderedFile, renderTemplate, renderTree, TEMPLATE_SUFFIX, type TemplateVars } from "./render";
export { type CliContext, type CliIo, runCli, USAGE } from "./run-cli";
export { copyWorkspace, LINKS_LIKE, linkGeneratedTask, placeAfter } from "./scratch-copy";
export { formatWithBiome, LOCKFILE, pnpmInstall } from "./tools";
export { findRepoRoot, TASK_KIT_DIR, taskKitVersions, taskStateNames, workspacePackages } from "./workspace";
