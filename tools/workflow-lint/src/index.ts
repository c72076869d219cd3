export { type ActionSpec, KNOWN_ACTIONS, PINNED_ACTION } from "./action-inputs";
export { formatFinding, type LintFinding, lintWorkflow } from "./actionlint";
export {
  type OwnerMismatch,
  type OwnerRule,
  ownerMismatches,
  ownersNamedIn,
  parseCodeowners,
  patternToRegex,
  ruleFor,
} from "./codeowners";
export {
  actionMatches,
  DATA_PLANE_ACTIONS,
  dataPlaneGrants,
  IAM_DIR,
  missingActions,
  nonReadActions,
  type PolicyJson,
  readPolicy,
  undocumentedWildcards,
} from "./iam-policies";
export {
  type BoundaryViolation,
  formatViolation,
  importSpecifiers,
  taskBoundaryViolations,
  taskPackageOf,
} from "./package-boundaries";
export { packageDirs, REPO_ROOT, WORKFLOWS_DIR, workflowFiles } from "./repo";
export {
  type Job,
  loadWorkflows,
  needsOf,
  type Step,
  stepsOf,
  triggersOf,
  type Workflow,
  type WorkflowDoc,
  workflowNamed,
} from "./workflows";
