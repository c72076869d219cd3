import type { Logger } from "@aws-lambda-powertools/logger";
import { BUSINESS_ERRORS, parseOrThrow } from "@orderflow/domain";
import type { Context } from "aws-lambda";
import type * as v from "valibot";

export interface TaskHandlerOptions<S extends v.GenericSchema, R> {
  readonly logger: Logger;
  /** The task's input contract from @orderflow/domain. */
  readonly input: S;
  readonly run: (input: v.InferOutput<S>) => Promise<R>;
}

export type TaskHandler<R> = (event: unknown, context?: Pick<Context, "awsRequestId">) => Promise<R>;

const businessErrors = new Set<string>(BUSINESS_ERRORS);

/**
 * The thin Lambda adapter shared by every task: parse the input with the domain schema (a bad input
 * becomes a non-retryable ValidationError, never a TypeError from deep inside), tag the logs with the
 * order and execution ids, run the core, and let errors through under their own names, which is what
 * the workflow's Retry and Catch match on, with their message but without their stack trace.
 *
 * The workflow adds `executionId` to every payload for log correlation; it is not part of any contract.
 *
 * @example
 * ```ts
 * // handler.ts: dependencies built once per cold start, the core stays pure and testable.
 * const deps = { ledger: dynamoReservationLedger(documentClient(), tableNamesFor(task)), now: () => new Date() };
 *
 * export const handler = taskHandler({
 *   logger: createLogger(task.name),
 *   input: ReserveRequest,                       // the task's input contract
 *   run: (input) => reserveInventory(input, deps),
 * });
 * ```
 */
export function taskHandler<S extends v.GenericSchema, R>({
  logger,
  input,
  run,
}: TaskHandlerOptions<S, R>): TaskHandler<R> {
  return async (event, context) => {
    const { executionId, ...payload } = (event ?? {}) as { executionId?: unknown } & Record<string, unknown>;
    logger.resetKeys();
    logger.appendKeys({
      orderId: typeof payload.orderId === "string" ? payload.orderId : undefined,
      executionId: typeof executionId === "string" ? executionId : undefined,
      requestId: context?.awsRequestId,
    });
    const started = performance.now();
    try {
      const parsed = parseOrThrow(input, payload, "task input");
      const result = await run(parsed);
      logger.info("task succeeded", { durationMs: Math.round(performance.now() - started) });
      return result;
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      const { name, message } = error;
      const durationMs = Math.round(performance.now() - started);
      if (businessErrors.has(name))
        logger.warn("task ended with a business error", { errorName: name, reason: message, durationMs });
      else logger.error("task failed", { errorName: name, durationMs, error });
      throw withoutTrace(error);
    }
  };
}

/**
 * The error as the workflow should see it. Lambda reports a thrown error as the Cause `{errorType,
 * errorMessage, trace}` with `trace` split from `stack`, and the Cause travels into the orders table and
 * the order's events; so the stack, already logged above, is cut to its first line. It stays a string: the
 * runtime treats a thrown object as an error only when its `stack` is one.
 */
function withoutTrace(error: Error): Error {
  error.stack = `${error.name}: ${error.message}`;
  return error;
}
