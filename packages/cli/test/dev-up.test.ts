import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

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

/** `./dev up` on a free port in a session of its own, resolved once it says it is ready. */
async function devUp(): Promise<{
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}> {
  const port = await freePort();
  const child = spawn("./dev", ["up", "--port", String(port), "--no-watch"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ORDERFLOW_STATE_DIR: mkdtempSync(join(tmpdir(), "orderflow-up-")) },
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
  return { child, output: () => output, exited };
}

describe("./dev up", () => {
  it.concurrent.each([
    ["Ctrl-C (SIGINT to the terminal's process group)", (pid: number) => process.kill(-pid, "SIGINT")],
    ["SIGTERM to ./dev alone", (pid: number) => process.kill(pid, "SIGTERM")],
  ])("stops every process it started on %s", async (_, stop) => {
    // Prepare
    const { child, output, exited } = await devUp();
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
