import type { EngineEvent } from "./trace";

interface Pending {
  readonly state: string;
  readonly run: () => Promise<unknown>;
  /** The first other state entered after the fault; the invocation runs once it is left. */
  next?: string;
}

/**
 * Invocations that Step Functions gave up on but that still run: each starts once the execution has moved
 * past the state after the one that gave up on it (so the compensation that undoes its work has run), and
 * all of them have ended before the execution is reported. They run concurrently with whatever the
 * execution does meanwhile, as a slow Lambda or a container past its heartbeat would.
 */
export class LateInvocations {
  private readonly waiting: Pending[] = [];
  private readonly running: Promise<unknown>[] = [];

  add(state: string, run: () => Promise<unknown>): void {
    this.waiting.push({ state, run });
  }

  /** Follows the execution's progress; starts the invocations whose next state has been left. */
  observe(event: EngineEvent): void {
    if (!("state" in event)) return;
    for (const pending of [...this.waiting]) {
      if (event.type === "StateEntered" && pending.next === undefined && event.state.name !== pending.state) {
        pending.next = event.state.name;
      } else if (event.type !== "StateEntered" && event.state.name === pending.next && leaves(event)) {
        this.start(pending);
      }
    }
  }

  /** Starts what is still waiting (the execution ended first) and waits for every late invocation. */
  async drain(): Promise<void> {
    for (const pending of [...this.waiting]) this.start(pending);
    await Promise.allSettled(this.running);
  }

  private start(pending: Pending): void {
    this.waiting.splice(this.waiting.indexOf(pending), 1);
    // A late invocation's own failure reaches nobody, as in AWS: its result has no state to go to.
    this.running.push(pending.run().catch(() => undefined));
  }
}

const leaves = (event: EngineEvent) => event.type === "StateExited" || event.type === "StateCaught";
