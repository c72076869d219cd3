export {
  REGISTRY_MODULE,
  REGISTRY_PACKAGE_JSON,
  renderRegistry,
  renderRegistryPackageJson,
  workflowSteps,
} from "./render";
export {
  discoverTaskPackages,
  InvalidTaskRegistration,
  registrationOf,
  TASKS_DIR,
  type TaskPackage,
} from "./task-packages";
export { type RenderedFile, renderedRegistryFiles, writeRegistry } from "./write";
