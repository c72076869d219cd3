/**
 * `tsx with-dynamodb-local.ts <command> [args…]`: runs the command with one DynamoDB Local shared by every
 * test run below it (see `shared.ts`), and stops it afterwards. Exits with the command's exit code; Ctrl-C
 * and SIGTERM reach the command and the JVM is stopped either way.
 */
import { spawn } from "node:child_process";
import { startDynamoDbLocal } from "./server";
import { SHARED_ENDPOINT_ENV } from "./shared";

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  process.stderr.write("usage: with-dynamodb-local <command> [args…]\n");
  process.exit(2);
}

// A test run lasts minutes: the JVM set up for that (see `quickStart`).
const db = await startDynamoDbLocal({ quickStart: true });
const child = spawn(command, args, {
  stdio: "inherit",
  env: { ...process.env, [SHARED_ENDPOINT_ENV]: db.endpoint },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
const code = await new Promise<number>((resolve) => {
  child.once("error", (error) => {
    process.stderr.write(`with-dynamodb-local: cannot run ${command}: ${error.message}\n`);
    resolve(127);
  });
  child.once("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
});
await db.stop();
process.exit(code);
