/**
 * `port` whose first call of `method` runs `effect` after the real call and before its caller sees the
 * answer: to land another run's step, or a whole run, at a precise point of this one. Later calls are
 * the port's own.
 */
export function meanwhile<T extends object>(port: T, method: keyof T, effect: () => Promise<unknown>): T {
  let pending = true;
  return new Proxy(port, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (key !== method || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const answer = await value.apply(target, args);
        if (pending) {
          pending = false;
          await effect();
        }
        return answer;
      };
    },
  });
}
