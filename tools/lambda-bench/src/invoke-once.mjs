// Runs in a fresh Node process per measurement: import the bundle, invoke its handler once with the
// event, report on the last stdout line and exit at once, so that idle keep-alive sockets of the AWS
// SDK do not count as start-up time. A thrown error exits non-zero with its stack on stderr.
// `performance.now()` counts from this process's start, so the two phases show where the time went.
// With a fifth argument (the bundle's `@aws-sdk/*` modules as JSON) it is the recording run: it also
// reports every SDK call the handler made, for the fair floor; that run is never timed.
import { pathToFileURL } from "node:url";

const [bundle, eventJson, marker, recordModules] = process.argv.slice(2);
const calls = recordModules
  ? (await import("./sdk-recorder.mjs")).recordSdkCalls(bundle, JSON.parse(recordModules))
  : undefined;
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const result = await handler(JSON.parse(eventJson), { awsRequestId: "lambda-bench" });
const invoked = performance.now();
const statusCode = typeof result?.statusCode === "number" ? result.statusCode : null;
process.stdout.write(
  `\n${marker}${JSON.stringify({ statusCode, importMs: imported, invokeMs: invoked - imported, calls })}\n`,
);
process.exit(0);
