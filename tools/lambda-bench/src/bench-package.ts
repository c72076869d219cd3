import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { newOrderId } from "@orderflow/domain";
import { LOCAL_AWS_ENV, type TableNames, tableEnv } from "@orderflow/dynamodb-local";
import { seedFixture, withOrderId } from "@orderflow/dynamodb-local/bench-fixture";
import { coldStartFiles } from "./cold-start-files";
import type { LambdaPackage } from "./discover";
import { tail, timeNode } from "./processes";
import { GOALS, type PackageResult } from "./report";
import { callKinds, floorModule, type RecordedCall } from "./sdk-floor";
import { sdkImportsOf } from "./sdk-imports";
import { ratio, summarize } from "./stats";

const INVOKE_ONCE = fileURLToPath(new URL("./invoke-once.mjs", import.meta.url));
const RESULT_MARKER = "__lambda_bench_result__";

/** Values for manifest variables that have no default; each names a resource the bench provides. */
const BENCH_ENV: Readonly<Record<string, string>> = {
  STATE_MACHINE_ARN: "arn:aws:states:eu-central-1:000000000000:stateMachine:orderflow-bench-orders",
  MAIL_FROM: "orders@bench.example.com",
};

export interface BenchEnvironment {
  readonly dynamoDbEndpoint: string;
  readonly sfnEndpoint: string;
  /** An SES v2 stand-in, so that sending a mail never leaves the machine either. */
  readonly sesEndpoint: string;
  readonly tableNames: TableNames;
  readonly documents: DynamoDBDocumentClient;
  /** Measured processes per kind (handler, bare node, SDK floor). */
  readonly runs: number;
  /** Unmeasured processes per kind first, so disk caches and DynamoDB Local's JIT are warm for all kinds. */
  readonly warmup: number;
  readonly progress: (line: string) => void;
}

/** What every child process sees: nothing of the parent's environment beyond PATH. */
export function childEnv(pkg: LambdaPackage, bench: BenchEnvironment): Record<string, string> {
  const own: Record<string, string> = {};
  for (const [name, spec] of Object.entries(pkg.manifest.env)) {
    const value = spec.default ?? BENCH_ENV[name];
    if (value === undefined && spec.optional) continue;
    if (value === undefined) {
      throw new Error(
        `${pkg.path}: manifest variable ${name} has no default and the bench has no value for it`,
      );
    }
    own[name] = value;
  }
  return {
    PATH: process.env.PATH ?? "",
    ...LOCAL_AWS_ENV,
    AWS_ENDPOINT_URL_DYNAMODB: bench.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SFN: bench.sfnEndpoint,
    AWS_ENDPOINT_URL_SESV2: bench.sesEndpoint,
    ...tableEnv(bench.tableNames),
    ...own,
  };
}

const tenths = (ms: number) => Math.round(ms * 10) / 10;

type Kind = "handler" | "bareNode" | "sdkFloor";

/** What invoke-once.mjs reports: the answer's status code, if any, and its two phases in ms. */
interface InvokeResult {
  readonly statusCode: number | null;
  readonly importMs: number;
  readonly invokeMs: number;
  /** Only in the recording run: every SDK call the handler made. */
  readonly calls?: readonly RecordedCall[];
}
const KINDS: readonly Kind[] = ["bareNode", "sdkFloor", "handler"];

/**
 * Bundle size and cold-start medians of one package. The three kinds of process take turns, in an order
 * that rotates every round, so that load from other work on the machine falls on all of them alike.
 */
export async function benchPackage(pkg: LambdaPackage, bench: BenchEnvironment): Promise<PackageResult> {
  const files = coldStartFiles(pkg.bundle).map((path) => ({ path, code: readFileSync(path) }));
  const sdkModules = [...new Set(files.flatMap((f) => sdkImportsOf(f.code.toString("utf8"))))].sort();
  const env = childEnv(pkg, bench);
  const options = { cwd: pkg.dir, env };
  const phases: InvokeResult[] = [];

  /** Seeds a fresh order, runs invoke-once.mjs and checks its answer; `extra` makes it the recording run. */
  async function invokeOnce(extra: readonly string[]): Promise<{ ms: number; result: InvokeResult }> {
    const { event, seed: items } = withOrderId(pkg.fixture, newOrderId());
    await seedFixture(bench.documents, bench.tableNames, items);
    const run = await timeNode(
      [INVOKE_ONCE, pkg.bundle, JSON.stringify(event), RESULT_MARKER, ...extra],
      options,
    );
    checked(run, "handler");
    const line = run.stdout.split("\n").findLast((l) => l.startsWith(RESULT_MARKER));
    if (!line) throw new Error(`${pkg.path}: the handler process reported no result:\n${tail(run.stdout)}`);
    const result = JSON.parse(line.slice(RESULT_MARKER.length)) as InvokeResult;
    if (result.statusCode !== null && result.statusCode >= 400) {
      throw new Error(
        `${pkg.path}: the fixture's invocation answered ${result.statusCode}:\n${tail(run.stdout)}`,
      );
    }
    return { ms: run.ms, result };
  }

  // The floor makes the calls the handler really makes: recorded in one untimed run, not listed by hand.
  const recorded = (await invokeOnce([JSON.stringify(sdkModules)])).result.calls ?? [];
  const floorSource = floorModule(sdkModules, recorded);

  const measure: Record<Kind, () => Promise<number>> = {
    bareNode: async () => checked(await timeNode(["-e", "0"], options), "bare node"),
    sdkFloor: async () =>
      checked(await timeNode(["--input-type=module", "-e", floorSource], options), "SDK floor"),
    handler: async () => {
      const { ms, result } = await invokeOnce([]);
      phases.push(result);
      return ms;
    },
  };
  function checked(run: Awaited<ReturnType<typeof timeNode>>, what: string): number {
    if (run.exitCode !== 0) {
      throw new Error(
        `${pkg.path}: ${what} process exited with ${run.exitCode}:\n${tail(run.stderr || run.stdout)}`,
      );
    }
    return run.ms;
  }

  const samples: Record<Kind, number[]> = { handler: [], bareNode: [], sdkFloor: [] };
  for (let round = -bench.warmup; round < bench.runs; round++) {
    const shift = ((round % KINDS.length) + KINDS.length) % KINDS.length;
    for (const kind of [...KINDS.slice(shift), ...KINDS.slice(0, shift)]) {
      const ms = await measure[kind]();
      if (round >= 0) samples[kind].push(tenths(ms));
    }
    if (round >= 0 && (round + 1) % 5 === 0)
      bench.progress(`  ${pkg.name}: ${round + 1}/${bench.runs} rounds`);
  }

  const measured = phases.slice(-bench.runs);
  const coldStartMs = {
    handler: summarize(samples.handler),
    handlerImport: summarize(measured.map((p) => tenths(p.importMs))),
    handlerInvoke: summarize(measured.map((p) => tenths(p.invokeMs))),
    bareNode: summarize(samples.bareNode),
    sdkFloor: summarize(samples.sdkFloor),
  };
  const ratios = {
    handlerToBareNode: ratio(coldStartMs.handler.median, coldStartMs.bareNode.median),
    handlerToSdkFloor: ratio(coldStartMs.handler.median, coldStartMs.sdkFloor.median),
  };
  const rawBytes = files.reduce((sum, f) => sum + f.code.byteLength, 0);
  return {
    name: pkg.name,
    path: pkg.path,
    bundle: {
      rawBytes,
      gzipBytes: files.reduce((sum, f) => sum + gzipSync(f.code, { level: 9 }).byteLength, 0),
      files: files.map((f) => ({ path: relative(pkg.dir, f.path), rawBytes: f.code.byteLength })),
    },
    sdkModules,
    floorCalls: callKinds(recorded),
    coldStartMs,
    ratios,
    meetsGoals: {
      bundle: rawBytes <= GOALS.maxBundleBytes,
      coldStart: ratios.handlerToSdkFloor <= GOALS.maxColdStartToSdkFloor,
    },
  };
}
