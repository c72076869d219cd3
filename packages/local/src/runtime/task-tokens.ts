import { randomBytes } from "node:crypto";
import { TaskFailure } from "./task-failure";

/** A command as `@aws-sdk/client-sfn` builds it: the class name says which API, `input` its request. */
export interface SfnCommand {
  readonly input: object;
}

/**
 * The part of an `SFNClient` a task-token worker uses (`send` with SendTaskSuccess, SendTaskFailure or
 * SendTaskHeartbeat commands). Workers receive this instead of a real client when run locally.
 */
export interface TaskTokenClient {
  send(command: SfnCommand): Promise<{ $metadata: Record<string, never> }>;
}

interface Waiter {
  readonly promise: Promise<unknown>;
  readonly resolve: (output: unknown) => void;
  readonly reject: (failure: TaskFailure) => void;
  settled: boolean;
}

/**
 * The client of a container still running after its state gave up on it: its heartbeats went out before
 * that happened, but any report now meets a closed token, as Step Functions answers it.
 */
export const closedTokenClient: TaskTokenClient = {
  async send(command) {
    if (command.constructor.name === "SendTaskHeartbeatCommand") return { $metadata: {} };
    throw sfnError("TaskTimedOut", "Task Timed Out: the state stopped waiting for this task");
  },
};

function sfnError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * Task tokens of the local runtime: a state reading `$$.Task.Token` gets a fresh token, and the state
 * completes when a worker calls back with it through {@link TaskTokens.client}, as with
 * `.waitForTaskToken` in AWS.
 */
export class TaskTokens {
  private readonly waiters = new Map<string, Waiter>();

  /** Issues a token; the callback it stands for may arrive before anyone awaits it. */
  issue(): string {
    const token = randomBytes(48).toString("base64url");
    let resolve!: Waiter["resolve"];
    let reject!: Waiter["reject"];
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A token nobody awaits must not end the process with an unhandled rejection.
    promise.catch(() => undefined);
    this.waiters.set(token, { promise, resolve, reject, settled: false });
    return token;
  }

  /** The output sent with SendTaskSuccess, or the SendTaskFailure as a rejection. */
  wait(token: string): Promise<unknown> {
    const waiter = this.waiters.get(token);
    if (!waiter) return Promise.reject(new Error(`task token was never issued: ${token.slice(0, 12)}…`));
    return waiter.promise;
  }

  /** True once a success or failure was sent for the token. */
  isSettled(token: string): boolean {
    return this.waiters.get(token)?.settled ?? false;
  }

  /** Settles a token nobody called back for (the worker crashed or gave up), then forgets it. */
  fail(token: string, failure: TaskFailure): void {
    this.settle(token, (w) => w.reject(failure));
  }

  /** Forgets a finished token. */
  release(token: string): void {
    this.waiters.delete(token);
  }

  private settle(token: string, how: (waiter: Waiter) => void): void {
    const waiter = this.waiters.get(token);
    // Step Functions answers a callback for an unknown or closed token with these errors.
    if (!waiter) throw sfnError("TaskDoesNotExist", "Task does not exist anymore");
    if (waiter.settled) throw sfnError("TaskTimedOut", "Task Timed Out: the task was already closed");
    waiter.settled = true;
    how(waiter);
  }

  /** An SFN-client look-alike that routes task callbacks to the waiting states. */
  readonly client: TaskTokenClient = {
    send: async (command) => {
      const kind = command.constructor.name;
      const input = command.input as Record<string, string | undefined>;
      const token = input.taskToken ?? "";
      if (kind === "SendTaskSuccessCommand") {
        let output: unknown;
        try {
          output = JSON.parse(input.output ?? "");
        } catch {
          throw sfnError("InvalidOutput", "SendTaskSuccess output must be a JSON document");
        }
        this.settle(token, (w) => w.resolve(output));
      } else if (kind === "SendTaskFailureCommand") {
        this.settle(token, (w) => w.reject(new TaskFailure(input.error ?? "", input.cause ?? "")));
      } else if (kind === "SendTaskHeartbeatCommand") {
        const waiter = this.waiters.get(token);
        if (!waiter) throw sfnError("TaskDoesNotExist", "Task does not exist anymore");
        if (waiter.settled) throw sfnError("TaskTimedOut", "Task Timed Out: the task was already closed");
      } else {
        throw new Error(`the local task-token client does not handle ${kind}`);
      }
      return { $metadata: {} };
    },
  };
}
