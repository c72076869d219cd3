/**
 * Runs concurrent runs of the payment protocol one provider or table call at a time, in an order the
 * test chooses, so that a race is a schedule that replays the same way every time instead of luck.
 */

/** Runs that wait at each call of a gated port until the schedule lets them go on. */
export interface Interleaving {
  /**
   * `port` with every method made to wait for its turn (other properties as they are).
   * @param label how its calls appear in {@link Interleaving.trace} @default the port's `name`, else "port"
   */
  gate<T extends object>(port: T, label?: string): T;
  /**
   * Starts `runs` together and lets one waiting call go at a time. Whenever several runs wait, the one at
   * index `picks[n] % waiting` goes, for the n-th such choice (the first waiting once `picks` is used
   * up). A call and its run's work up to its next call finish before the next call is let go.
   */
  run(runs: readonly (() => Promise<unknown>)[]): Promise<PromiseSettledResult<unknown>[]>;
  /** The calls in the order they were let go (`"refund.move"`), to report a failing schedule. */
  readonly trace: readonly string[];
}

/** An interleaving whose choices are `picks` (see {@link Interleaving.run}). */
export function interleaving(picks: readonly number[]): Interleaving {
  const waiting: { readonly call: string; readonly go: () => void }[] = [];
  const trace: string[] = [];
  let busy = 0;
  let onIdle: (() => void) | undefined;
  const rest = () => {
    busy--;
    if (busy === 0) onIdle?.();
  };
  const idle = () =>
    new Promise<void>((resolve) => {
      if (busy === 0) resolve();
      else onIdle = resolve;
    });
  const turn = (call: string) =>
    new Promise<void>((go) => {
      waiting.push({ call, go });
      rest();
    });

  return {
    trace,
    gate(port, label) {
      const name = (port as { name?: unknown }).name;
      const prefix = label ?? (typeof name === "string" ? name : "port");
      return new Proxy(port, {
        get(target, key) {
          const value: unknown = Reflect.get(target, key);
          if (typeof value !== "function") return value;
          return async (...args: unknown[]) => {
            await turn(`${prefix}.${String(key)}`);
            return value.apply(target, args);
          };
        },
      });
    },
    async run(runs) {
      busy = runs.length;
      const results = Promise.allSettled(runs.map((start) => start().finally(rest)));
      let choice = 0;
      for (;;) {
        await idle();
        if (waiting.length === 0) return results;
        const index = waiting.length > 1 ? (picks[choice++] ?? 0) % waiting.length : 0;
        const [next] = waiting.splice(index, 1);
        if (!next) return results;
        trace.push(next.call);
        busy++;
        next.go();
      }
    },
  };
}
