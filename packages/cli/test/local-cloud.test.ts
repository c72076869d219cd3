import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOrderflow } from "./run-orderflow";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
// `./dev up` and the token command of this process share the development issuer's key through this folder.
process.env.ORDERFLOW_STATE_DIR = mkdtempSync(join(tmpdir(), "orderflow-up-"));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every process of the session `./dev up` leads (its own and pnpm's process groups), as `pid command`. */
function sessionOf(leader: number): string[] {
  const table = execFileSync("ps", ["-ww", "-eo", "pid=,sid=,args="], { encoding: "utf8" });
  return table
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, sid]) => Number(sid) === leader && Number(pid) !== leader)
    .map(([pid, , ...args]) => `${pid} ${args.join(" ")}`);
}

async function until<T>(read: () => T, done: (value: T) => boolean, seconds: number): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let value = read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = read();
  }
  return value;
}

interface DevUp {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** `./dev up` on a free port in a session of its own, resolved once it says it is ready. */
async function devUp(): Promise<DevUp> {
  const port = await freePort();
  const child = spawn("./dev", ["up", "--port", String(port), "--no-watch"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await until(
    () => output,
    (text) => text.includes("ready in") || child.exitCode !== null,
    60,
  );
  if (!output.includes("ready in")) throw new Error(`./dev up did not get ready:\n${output}`);
  return { url: `http://127.0.0.1:${port}`, port, child, output: () => output, exited };
}

const orderflow = (...argv: string[]) => runOrderflow(argv);

// Two real `./dev up`, started at once: one is stopped like Ctrl-C, the other with SIGTERM.
let first: DevUp;
let second: DevUp;
beforeAll(async () => {
  [first, second] = await Promise.all([devUp(), devUp()]);
}, 90_000);
afterAll(() => {
  for (const up of [first, second])
    if (up?.child.exitCode === null) process.kill(-(up.child.pid as number), "SIGKILL");
});

describe("orderflow against ./dev up", () => {
  it("starts an order with start --endpoint-url and follows it to SUCCEEDED, without AWS credentials", async () => {
    // Prepare
    const input = fileURLToPath(new URL("fixtures/start/order.json", import.meta.url));

    // Act
    const result = await orderflow("start", "--endpoint-url", first.url, "--input", input, "--wait");

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "started order ord_START_1: arn:aws:states:eu-central-1:000000000000:execution:orderflow-local:ord_START_1",
    );
    expect(result.stdout).toContain(`console: ${first.url}/#/executions/`);
    expect(result.stdout).toContain("status: SUCCEEDED");
  });

  it("prints a token the local orders API accepts, with the scopes asked for", async () => {
    // Act
    const reader = await orderflow(
      "token",
      "--sub",
      "cus_ana",
      "--scope",
      "orders:read",
      "--port",
      String(first.port),
    );
    const token = reader.stdout.trim();
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const read = await fetch(`${first.url}/orders/ord_NOT_THERE1`, { headers });
    const write = await fetch(`${first.url}/orders`, { method: "POST", headers, body: "{}" });

    // Assess
    expect(reader.code).toBe(0);
    expect(token.split(".")).toHaveLength(3);
    expect(read.status).toBe(404);
    expect(write.status).toBe(403);
  });

  it("refuses a token request without --sub, and a port that is not one", async () => {
    // Act
    const [noSub, badPort] = await Promise.all([orderflow("token"), orderflow("dev", "--port", "http")]);

    // Assess
    expect([noSub.code, noSub.stderr]).toEqual([
      2,
      expect.stringContaining("--sub <customer id> is required"),
    ]);
    expect([badPort.code, badPort.stderr]).toEqual([
      2,
      expect.stringContaining("--port http is not a port number"),
    ]);
  });

  it.each([
    [
      "Ctrl-C (SIGINT to the terminal's process group)",
      () => first,
      (pid: number) => process.kill(-pid, "SIGINT"),
    ],
    ["SIGTERM to ./dev alone", () => second, (pid: number) => process.kill(pid, "SIGTERM")],
  ])("stops every process it started on %s", async (_, which, stop) => {
    // Prepare
    const { child, output, exited } = which();
    const pid = child.pid as number;
    const running = sessionOf(pid);

    // Act
    stop(pid);
    await exited;
    const left = await until(
      () => sessionOf(pid),
      (processes) => processes.length === 0,
      15,
    );

    // Assess
    expect(running.some((p) => p.includes("DynamoDBLocal.jar"))).toBe(true);
    expect(running.some((p) => p.includes("cli.ts dev"))).toBe(true);
    expect(left).toEqual([]);
    expect(output()).toContain("stopped");
  });
});
