/**
 * Pulumi records a stack trace on every promise it creates (`debuggablePromise`), some ten thousand per
 * synth, and reads them only to explain leaked promises when PULUMI_DEBUG_PROMISE_LEAKS is set. Capturing
 * and formatting them (through the source-map support of tsx and vitest) was much of a synth's CPU, most of
 * it under vitest.
 */
import { createRequire } from "node:module";

const DEBUG_VARIABLE = "PULUMI_DEBUG_PROMISE_LEAKS";
const TRACELESS = Symbol.for("orderflow.infra.tracelessPulumiPromises");

type DebuggablePromise = (<T>(promise: Promise<T>, context: unknown) => Promise<T>) & {
  readonly [TRACELESS]?: true;
};

/**
 * Makes the promises Pulumi creates from now on record an empty stack trace, unless PULUMI_DEBUG_PROMISE_LEAKS
 * is set. The promise, its leak tracking and every other error's stack are unchanged. Idempotent.
 */
export function skipPromiseTraces(): void {
  if (process.env[DEBUG_VARIABLE]) return;
  // Pulumi's own modules call it through this exports object, so replacing the export reaches every caller.
  // It is an internal module: should a Pulumi release move it, synths only lose the speed-up.
  let debuggable: { debuggablePromise: DebuggablePromise };
  try {
    debuggable = createRequire(import.meta.url)("@pulumi/pulumi/runtime/debuggable");
  } catch {
    return;
  }
  const original = debuggable.debuggablePromise;
  if (typeof original !== "function" || original[TRACELESS]) return;
  const traceless = <T>(promise: Promise<T>, context: unknown): Promise<T> => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original(promise, context);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  debuggable.debuggablePromise = Object.assign(traceless, { [TRACELESS]: true as const });
}
