/**
 * `pnpm bench`: bundle size and cold-start proxy of every Lambda package. Starts one DynamoDB Local and a
 * Step Functions stub, measures each package (see bench-package.ts), writes bench/results.json and prints
 * a table. Options: --runs <n> (at least 20, default 21), --warmup <n> (default 5), --only <path or name>.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createTables, LOCAL_AWS_ENV, startDynamoDbLocal } from "@orderflow/dynamodb-local";
import { startSesCapture } from "@orderflow/task-notify-customer/ses-capture";
import { benchPackage } from "./bench-package";
import { discoverLambdaPackages, workspaceRoot } from "./discover";
import { measureImportCosts } from "./import-costs";
import { type BenchResults, GOALS, importCostsTable, type PackageResult, resultsTable } from "./report";
import { startSfnStub } from "./sfn-stub";

const MIN_RUNS = 20;
const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, "..", "bench", "results.json");
const progress = (line: string) => process.stderr.write(`${line}\n`);

// `pnpm bench -- --runs 30` passes the `--` on; drop it rather than read everything after it as positional.
const args = process.argv.slice(2);
const { values } = parseArgs({
  args: args[0] === "--" ? args.slice(1) : args,
  options: {
    runs: { type: "string", default: "21" },
    warmup: { type: "string", default: "5" },
    only: { type: "string", multiple: true },
  },
});
const runs = Number(values.runs);
const warmup = Number(values.warmup);
if (!Number.isInteger(runs) || runs < MIN_RUNS)
  throw new Error(`--runs must be an integer of at least ${MIN_RUNS}`);
if (!Number.isInteger(warmup) || warmup < 0) throw new Error("--warmup must be a whole number");

const root = workspaceRoot(here);
const discovered = await discoverLambdaPackages(root);
const packages = discovered.packages.filter(
  (p) => !values.only || values.only.some((o) => o === p.name || o === p.path),
);
for (const s of discovered.skipped) progress(`skipping ${s.path}: ${s.reason}`);
if (packages.length === 0) {
  progress("no Lambda package has both bench/fixture.json and dist/handler.mjs; nothing to measure");
  process.exit(1);
}

const db = await startDynamoDbLocal();
const sfn = await startSfnStub();
const ses = await startSesCapture();
const client = new DynamoDBClient({
  endpoint: db.endpoint,
  region: LOCAL_AWS_ENV.AWS_REGION,
  credentials: {
    accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID,
    secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY,
  },
});
const results: PackageResult[] = [];
try {
  const tableNames = await createTables(client, `bench-${randomUUID().slice(0, 8)}-`);
  const documents = DynamoDBDocumentClient.from(client);
  for (const pkg of packages) {
    progress(`measuring ${pkg.name} (${runs} runs per kind after ${warmup} warm-up)`);
    results.push(
      await benchPackage(pkg, {
        dynamoDbEndpoint: db.endpoint,
        sfnEndpoint: sfn.endpoint,
        sesEndpoint: ses.endpoint,
        tableNames,
        documents,
        runs,
        warmup,
        progress,
      }),
    );
  }
} finally {
  client.destroy();
  await sfn.stop();
  await ses.stop();
  await db.stop();
}

progress(
  `measuring the import costs of Powertools' logger, valibot and the domain schemas (${runs} runs each)`,
);
const importCosts = await measureImportCosts(runs, join(here, "..", "bench", "import-probes.tmp"));

const report: BenchResults = {
  generatedAt: new Date().toISOString(),
  environment: {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
  },
  method: {
    runsPerKind: runs,
    warmupRunsPerKind: warmup,
    description:
      "Wall time from spawn to exit of fresh node processes, median per kind: handler = import dist/handler.mjs and invoke it once with bench/fixture.json against DynamoDB Local (and loopback Step Functions and SES v2 stand-ins), with handlerImport / handlerInvoke its two phases as measured inside the process; bareNode = node -e 0; sdkFloor = an ES module that imports the @aws-sdk/* modules the bundle imports, creates the clients the handler created and makes one call of each kind (floorCalls) the handler made in an untimed recording run, with the same input, against the same endpoints. Kinds alternate in rotating order. gzip at level 9.",
  },
  goals: GOALS,
  packages: results,
  importCosts,
  skipped: discovered.skipped,
};
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
// In the repository's format, so that a run leaves lint green (biome is on the PATH of a package script).
spawnSync("biome", ["format", "--write", resultsFile], { stdio: "inherit" });

console.log(resultsTable(report));
console.log(`\n${importCostsTable(importCosts)}`);
console.log(
  `\ngoals: bundle ≤ ${GOALS.maxBundleBytes / 1024} KB minified; cold start ≤ ${GOALS.maxColdStartToSdkFloor}× the SDK-only floor`,
);
for (const s of discovered.skipped) console.log(`not measured: ${s.path} (${s.reason})`);
console.log(`results: ${relative(root, resultsFile)}`);
