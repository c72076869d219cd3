// Loaded by invoke-once.mjs in its recording run only, before the bundle: notes every command the bundle's
// AWS SDK clients send, so that the fair floor makes the same kinds of call. The SDK stays external to our
// bundles and is CommonJS, so `require` from the bundle's folder yields the very module objects the bundle's
// `import` gets; patching the clients' shared `send` there sees every call the handler makes.
import { createRequire } from "node:module";

/** The prototype that defines `send` for instances of `value`, if `value` is an SDK client class. */
function sendOwner(value) {
  let proto = typeof value === "function" ? value.prototype : undefined;
  while (proto && !Object.hasOwn(proto, "send")) proto = Object.getPrototypeOf(proto);
  return proto;
}

/**
 * Starts recording. `modules` are the `@aws-sdk/*` specifiers the bundle imports; classes are named by the
 * module that exports them and their export name. A client built with a static `from(client, options)`
 * (lib-dynamodb's document client) is recorded with the client it wraps and the options.
 * @returns the calls so far, in order: `{ client, wraps?, command, input }`.
 */
export function recordSdkCalls(bundle, modules) {
  const require = createRequire(bundle);
  const names = new Map();
  const owners = new Set();
  const wrapped = new WeakMap();
  const calls = [];
  const nameOf = (value) => names.get(value) ?? { module: null, name: value?.name ?? String(value) };

  for (const module of modules) {
    for (const [name, value] of Object.entries(require(module))) {
      if (typeof value !== "function" || names.has(value)) continue;
      names.set(value, { module, name });
      const owner = sendOwner(value);
      if (owner) owners.add(owner);
      if (owner && Object.hasOwn(value, "from")) {
        const from = value.from;
        value.from = function recordedFrom(client, options, ...rest) {
          const instance = from.call(this, client, options, ...rest);
          wrapped.set(instance, { client: nameOf(client.constructor), options: options ?? null });
          return instance;
        };
      }
    }
  }
  for (const owner of owners) {
    const send = owner.send;
    owner.send = function recordedSend(command, ...rest) {
      const wraps = wrapped.get(this);
      calls.push({
        client: nameOf(this.constructor),
        ...(wraps && { wraps }),
        command: nameOf(command.constructor),
        input: command.input ?? {},
      });
      return send.call(this, command, ...rest);
    };
  }
  return calls;
}
