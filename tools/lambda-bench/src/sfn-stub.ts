import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface SfnStub {
  readonly endpoint: string;
  /** Execution names StartExecution was called with, in order. */
  readonly started: readonly string[];
  stop(): Promise<void>;
}

/**
 * A Step Functions endpoint on loopback that answers StartExecution (AWS JSON 1.0) like the service does
 * for a new execution, so that the API's start never leaves the machine. Other operations get the error
 * the service gives for unknown ones.
 */
export async function startSfnStub(): Promise<SfnStub> {
  const started: string[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      const reply = (status: number, payload: unknown) => {
        response.writeHead(status, { "content-type": "application/x-amz-json-1.0" });
        response.end(JSON.stringify(payload));
      };
      if (request.headers["x-amz-target"] !== "AWSStepFunctions.StartExecution") {
        return reply(400, { __type: "UnknownOperationException", message: "only StartExecution is stubbed" });
      }
      const { stateMachineArn = "", name = "" } = JSON.parse(body || "{}") as {
        stateMachineArn?: string;
        name?: string;
      };
      started.push(name);
      const executionArn = `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
      reply(200, { executionArn, startDate: Date.now() / 1000 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    started,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
