import { GeneratorError } from "./generator-error";

/** kebab-case: lower-case words of letters and digits joined by single hyphens, starting with a letter. */
export const TASK_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Infra names the function `<project>-<stack>-<name>`; with `orderflow-staging-` (18 characters) a
 * 40-character name keeps it within Lambda's 64.
 */
export const MAX_TASK_NAME_LENGTH = 40;

/** A GitHub team as CODEOWNERS takes it: `@org/team-slug`. */
export const TEAM_PATTERN = /^@[A-Za-z0-9-]+\/[A-Za-z0-9_-]+$/;

export const DEFAULT_TEAM = "@orderflow/platform-team";

/**
 * The order workflow's own states (packages/workflow/src/order/state-names.ts), in kebab-case: a task
 * named after one would get a state name the workflow already uses.
 */
const WORKFLOW_STATES = [
  "mark-completed",
  "publish-completed",
  "done",
  "mark-rejected",
  "publish-rejected",
  "rejected",
  "mark-failed",
  "publish-failed",
  "failed",
  "mark-compensation-failed",
  "compensation-failed",
  "recording-failed",
];

/**
 * JavaScript reserved words: the task's camelCase name becomes its core function's name, so a
 * one-word name must not be one of these.
 */
const JS_RESERVED = [
  "arguments",
  "await",
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "eval",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "implements",
  "import",
  "in",
  "instanceof",
  "interface",
  "let",
  "new",
  "null",
  "package",
  "private",
  "protected",
  "public",
  "return",
  "static",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "undefined",
  "var",
  "void",
  "while",
  "with",
  "yield",
];

/**
 * Identifiers the templates declare or import (imports, constants, parameters); the core function named
 * like one of them would clash with it or be shadowed by it (`handler`, `input`, `createLogger` ...). A
 * test keeps this list complete by reading the templates.
 */
export const TEMPLATE_IDENTIFIERS = [
  "at",
  "attempt",
  "before",
  "createLogger",
  "db",
  "defineTask",
  "deps",
  "describe",
  "documentClient",
  "dynamoDbTestConfig",
  "event",
  "expect",
  "fc",
  "fixture",
  "handler",
  "input",
  "it",
  "items",
  "newOrderId",
  "now",
  "orderId",
  "parseFixture",
  "result",
  "seed",
  "seedFixture",
  "task",
  "taskHandler",
  "useLocalTables",
  "v",
  "vi",
  "withOrderId",
];

const RESERVED = new Map<string, string>([
  ...WORKFLOW_STATES.map((n): [string, string] => [n, "the order workflow already has a state of that name"]),
  ...JS_RESERVED.map((n): [string, string] => [n, "it is a JavaScript reserved word"]),
]);

/** Every form of a task's name the templates need. */
export interface TaskNames {
  /** kebab-case, as typed: `gift-wrap`. */
  readonly name: string;
  /** `@orderflow/task-gift-wrap`. */
  readonly packageName: string;
  /** `packages/tasks/gift-wrap`, repository-relative. */
  readonly dir: string;
  /** PascalCase, the state name in the workflow: `GiftWrap`. */
  readonly pascalName: string;
  /** camelCase, the core function: `giftWrap`. */
  readonly camelName: string;
}

/** `gift-wrap` → `GiftWrap`. */
export function pascalCase(kebab: string): string {
  return kebab
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/** `gift-wrap` → `giftWrap`. */
export function camelCase(kebab: string): string {
  const pascal = pascalCase(kebab);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/**
 * The names of a new task, or a GeneratorError saying why `name` cannot be one. Only the form of the
 * name is checked here; whether it is taken depends on the repository.
 */
export function taskNames(name: string): TaskNames {
  if (name.length > MAX_TASK_NAME_LENGTH) {
    throw new GeneratorError(
      `task name "${name}" is ${name.length} characters; use at most ${MAX_TASK_NAME_LENGTH} (its Lambda function name must fit in 64)`,
    );
  }
  if (!TASK_NAME_PATTERN.test(name)) {
    throw new GeneratorError(
      `task name "${name}" is not kebab-case: use lower-case letters and digits in words joined by single hyphens, starting with a letter (e.g. gift-wrap)`,
    );
  }
  if (name === "task" || name.startsWith("task-")) {
    throw new GeneratorError(
      `task name "${name}" repeats "task": the package is already called @orderflow/task-<name>; drop the prefix`,
    );
  }
  const reason = RESERVED.get(name);
  if (reason) throw new GeneratorError(`task name "${name}" is reserved: ${reason}; choose another`);
  const camelName = camelCase(name);
  if (TEMPLATE_IDENTIFIERS.includes(camelName)) {
    throw new GeneratorError(
      `task name "${name}" is reserved: its function name ${camelName} would clash with \`${camelName}\` in the generated code; choose another`,
    );
  }
  return {
    name,
    packageName: `@orderflow/task-${name}`,
    dir: `packages/tasks/${name}`,
    pascalName: pascalCase(name),
    camelName,
  };
}

/** The team, or a GeneratorError when CODEOWNERS would not take it. */
export function checkTeam(team: string): string {
  if (!TEAM_PATTERN.test(team)) {
    throw new GeneratorError(
      `team "${team}" is not a GitHub team: write it as @org/team, e.g. @orderflow/payments-team`,
    );
  }
  return team;
}
