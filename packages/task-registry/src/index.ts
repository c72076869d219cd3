export type { RegisteredTask } from "./registered-task";
export { REGISTERED_TASKS } from "./registry";
export { importTaskModule, taskModuleOf } from "./task-modules";
