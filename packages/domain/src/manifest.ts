/**
 * The task manifest: the one place a team states what its function needs. It is plain data, read by
 * infra (function, role, alarms), the workflow (state name, timeout, retry, errors) and the local runtime.
 */
import type { BusinessErrorName, TransientTaskErrorName } from "./errors";
import type { TableName } from "./tables";

/**
 * `States.Timeout` (the state's timer) and `Sandbox.Timedout` (the function's own timeout, which fires
 * first). An attempt of an idempotent task that timed out may have done its work, so such a task lists
 * these as retryable: the retry returns the first result, where a compensation would undo work that
 * happened as if it had failed.
 */
export const IDEMPOTENT_TIMEOUTS = ["States.Timeout", "Sandbox.Timedout"] as const;

/**
 * The state's heartbeat timer: a container task that stopped reporting (crashed, or lost its network).
 * For the same reason as {@link IDEMPOTENT_TIMEOUTS}, only an idempotent container task retries it.
 */
export const CONTAINER_TIMEOUTS = ["States.HeartbeatTimeout"] as const;

/** What a manifest may list as retryable: our transient errors and the Step Functions timeouts above. */
export type RetryableErrorName =
  | TransientTaskErrorName
  | (typeof IDEMPOTENT_TIMEOUTS)[number]
  | (typeof CONTAINER_TIMEOUTS)[number];

/** DynamoDB API actions a function may perform on a table; infra grants exactly these as `dynamodb:<Action>`. */
export type DynamoAction =
  | "GetItem"
  | "BatchGetItem"
  | "Query"
  | "PutItem"
  | "UpdateItem"
  | "DeleteItem"
  | "ConditionCheckItem";

export interface EnvVarSpec {
  readonly description: string;
  /** Value used when the stack's config does not set one. */
  readonly default?: string;
  /**
   * Needed by some configurations only (e.g. by one payment gateway): a variable without a value is left
   * out instead of failing the deploy or the cold start, and the code that needs it checks for it.
   * @default false
   */
  readonly optional?: boolean;
}

export interface FunctionManifest {
  /** Package-level name, kebab-case (`reserve-inventory`); resource names derive from it. */
  readonly name: string;
  readonly description: string;
  /** @default 256 */
  readonly memoryMb: number;
  /** Function timeout; the workflow's Task timeout is set above it. */
  readonly timeoutSeconds: number;
  /** Tables touched and the exact actions on each; the table names reach the code as `<TABLE>_TABLE_NAME`. */
  readonly tables: Readonly<Partial<Record<TableName, readonly DynamoAction[]>>>;
  /** Further environment the handler reads at start. */
  readonly env: Readonly<Record<string, EnvVarSpec>>;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly intervalSeconds: number;
  readonly backoffRate: number;
  readonly maxDelaySeconds: number;
}

interface TaskManifestBase extends FunctionManifest {
  /** The state name in the workflow (`ReserveInventory`); fault plans and traces use it. */
  readonly stateName: string;
  /** Retry for transient failures (Lambda service errors and `retryableErrors`). */
  readonly retry: RetryPolicy;
  /** Business errors this task throws on purpose; never retried, each caught by the workflow. */
  readonly errors: readonly BusinessErrorName[];
  /** Errors of this task's own that are transient and safe to retry. */
  readonly retryableErrors: readonly RetryableErrorName[];
  /** The state this task undoes, for compensations. */
  readonly compensates?: string;
}

export interface LambdaTaskManifest extends TaskManifestBase {
  readonly kind: "lambda";
}

export interface ContainerTaskManifest extends TaskManifestBase {
  readonly kind: "container";
  /** Fargate CPU units (256 = 0.25 vCPU). */
  readonly cpu: number;
  /** The container reports a heartbeat at least this often; the state fails after this long without one. */
  readonly heartbeatSeconds: number;
}

export type TaskManifest = LambdaTaskManifest | ContainerTaskManifest;

/**
 * The environment variables through which the workflow's container overrides hand a container task its
 * task token and its input (a JSON document): the contract between the state and the container's entry.
 */
export const CONTAINER_TASK_ENV = { taskToken: "TASK_TOKEN", input: "TASK_INPUT" } as const;

/**
 * Identity helper that keeps a manifest literal checked against the type without widening it: a task
 * package's `task.ts` declares what its function needs, and infra, the workflow and the local runtime
 * read exactly that.
 *
 * @example
 * ```ts
 * export const task = defineTask({
 *   name: "gift-wrap",                       // package and resource names derive from it
 *   stateName: "GiftWrap",                   // its state in the workflow
 *   kind: "lambda",
 *   description: "Wraps the order's items.",
 *   memoryMb: 256,
 *   timeoutSeconds: 5,
 *   tables: { orders: ["GetItem"] },         // granted as exactly these actions on exactly this table
 *   env: {},
 *   retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
 *   errors: ["ValidationError"],             // business errors: caught, never retried
 *   retryableErrors: [...IDEMPOTENT_TIMEOUTS], // only for a task whose repeat returns the first result
 * });
 * ```
 */
export function defineTask<const T extends TaskManifest>(manifest: T): T {
  return manifest;
}

/**
 * The same for a function that is not a workflow step (the API, the outbox, the reconciler, an event
 * consumer): what infra deploys it with.
 *
 * @example
 * ```ts
 * export const reconcilerFunction = defineFunction({
 *   name: "reconciler",
 *   description: "Records the outcome of orders whose execution ended without recording it.",
 *   memoryMb: 256,
 *   timeoutSeconds: 60,
 *   tables: { orders: ["Query", "UpdateItem"] },
 *   env: { STATE_MACHINE_ARN: { description: "ARN of the order workflow." } },
 * });
 * ```
 */
export function defineFunction<const T extends FunctionManifest>(manifest: T): T {
  return manifest;
}
