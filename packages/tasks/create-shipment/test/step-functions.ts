import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TaskTokenClient, TaskTokenCommand } from "../src/container";

/** One task-token call as Step Functions would receive it: the API and its request. */
export interface SfnCall {
  readonly api: string;
  readonly request: Record<string, unknown>;
}

/**
 * An in-process stand-in for the SFN client, as the local runtime passes one: records every call in
 * order and answers with `refuse(api)` thrown, or success.
 */
export function recordingSfn(
  refuse: (api: string, callIndex: number) => Error | undefined = () => undefined,
) {
  const calls: SfnCall[] = [];
  const client: TaskTokenClient = {
    async send(command: TaskTokenCommand) {
      const api = command.constructor.name.replace(/Command$/, "");
      calls.push({ api, request: { ...command.input } });
      const refusal = refuse(api, calls.length - 1);
      if (refusal) throw refusal;
      return {};
    },
  };
  return { client, calls };
}

/** The error Step Functions answers for a token whose state is no longer waiting. */
export function taskTimedOut(): Error {
  return Object.assign(new Error("Task Timed Out"), { name: "TaskTimedOut" });
}

/**
 * A local HTTP endpoint speaking Step Functions' JSON protocol for the task-token APIs, for the real
 * SDK in a container process (`AWS_ENDPOINT_URL_SFN`). `refuse` names the APIs to answer TaskTimedOut.
 */
export async function stepFunctionsEndpoint(refuse: readonly string[] = []) {
  const calls: SfnCall[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      const api = String(req.headers["x-amz-target"]).replace("AWSStepFunctions.", "");
      calls.push({ api, request: JSON.parse(body) });
      const refused = refuse.includes(api);
      res.writeHead(refused ? 400 : 200, { "content-type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify(refused ? { __type: "TaskTimedOut", message: "Task Timed Out" } : {}));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => server.close() };
}
