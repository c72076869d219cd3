// Runs in a fresh Node process per measurement: import the bundle, invoke its handler once with the
// event, report on the last stdout line and exit at once, so that idle keep-alive sockets of the AWS
// SDK do not count as start-up time. A thrown error exits non-zero with its stack on stderr.
// `performance.now()` counts from this process's start, so the two phases show where the time went.
import { pathToFileURL } from "node:url";

const [bundle, eventJson, marker] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const result = await handler(JSON.parse(eventJson), { awsRequestId: "lambda-bench" });
const invoked = performance.now();
const statusCode = typeof result?.statusCode === "number" ? result.statusCode : null;
process.stdout.write(
  `\n${marker}${JSON.stringify({ statusCode, importMs: imported, invokeMs: invoked - imported })}\n`,
);
process.exit(0);
