import type { TaskCode } from "@orderflow/local";
import type { ApiHandler } from "../api/gateway";
import type { EventHandler } from "../notify/rule";

/** The code of the functions the local cloud runs besides the runtime's own: the API and notify-customer. */
export interface FunctionCode {
  /** Code serving the runtime's states instead of its own import (watch mode), or undefined. */
  readonly taskCode: Readonly<Record<string, TaskCode>> | undefined;
  api(): ApiHandler;
  notify(): EventHandler;
  /** Loads the code; called once the runtime has set the environment the handlers read at import. */
  load(): Promise<void>;
}

function notLoaded(): never {
  throw new Error("the local cloud's functions are not loaded yet");
}

/** The handlers imported once, as Lambda imports them at a cold start. */
export function importedOnce(): FunctionCode {
  let api: ApiHandler | undefined;
  let notify: EventHandler | undefined;
  return {
    taskCode: undefined,
    api: () => api ?? notLoaded(),
    notify: () => notify ?? notLoaded(),
    async load() {
      api = (await import("@orderflow/api/handler")).handler as ApiHandler;
      notify = (await import("@orderflow/task-notify-customer/handler")).handler as EventHandler;
    },
  };
}
