/**
 * What Powertools' logger, valibot and the domain schemas cost a cold start: each is bundled alone (esbuild,
 * the Lambda bundles' options) and loaded by a fresh node after the SDK modules every Lambda bundle imports
 * (so that what they share, such as node:crypto, counts where a handler pays for it: in the SDK), which
 * times inside the process its import (load and top-level code) and its first use (one log line, one parse).
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { timeNode } from "./processes";
import { type Summary, summarize } from "./stats";

const MARKER = "__lambda_bench_probe__";
const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..", "..");

interface Probe {
  readonly name: string;
  /** The folder whose dependencies the probe imports. */
  readonly from: string;
  /** An ES module that exports `first`, the first use measured after the import. */
  readonly source: string;
}

const PROBES: readonly Probe[] = [
  {
    name: "powertoolsLogger",
    from: "packages/task-kit",
    source: `import{Logger}from"@aws-lambda-powertools/logger";const l=new Logger({serviceName:"probe"});export const first=()=>l.info("probe");`,
  },
  {
    name: "valibot",
    from: "packages/domain",
    source: `import*as v from"valibot";const s=v.object({id:v.pipe(v.string(),v.minLength(1)),n:v.number()});export const first=()=>v.parse(s,{id:"a",n:1});`,
  },
  {
    name: "domainSchemas",
    from: "packages/domain",
    source: `import{ChargePaymentInput}from"./src/index.ts";import{parse}from"valibot";export const first=()=>parse(ChargePaymentInput,{orderId:"ord_01J0000000000000000000000",customerId:"cus_bench",amount:{amount:4999,currency:"EUR"},paymentToken:"tok_visa"});`,
  },
  {
    // The API's: the whole order as a client posts it, address and e-mail included.
    name: "orderSchema",
    from: "packages/domain",
    source: `import{OrderRequest,PARSE_CONFIG}from"./src/index.ts";import{parse}from"valibot";export const first=()=>parse(OrderRequest,{orderId:"bench-1",customer:{email:"bench@example.com"},currency:"EUR",items:[{sku:"BENCH-TSHIRT",quantity:2},{sku:"BENCH-MUG",quantity:1}],shippingAddress:{name:"Bench Customer",line1:"Main St 1",city:"Berlin",postalCode:"10115",country:"DE"},payment:{token:"tok_visa"}},PARSE_CONFIG);`,
  },
];

/** The SDK modules every Lambda bundle imports, loaded before the probe's timer starts. */
const SDK_CONTEXT = ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb"];

const RUNNER = `${SDK_CONTEXT.map((m) => `await import(${JSON.stringify(m)});`).join("")}const s=performance.now();const m=await import(process.argv[1]);const i=performance.now();m.first();const f=performance.now();process.stdout.write("\\n${MARKER}"+JSON.stringify({importMs:i-s,firstUseMs:f-i})+"\\n");`;

export interface ImportCost {
  readonly bundleBytes: number;
  /** Loading the module and running its top-level code, inside a fresh process that loaded the SDK. */
  readonly importMs: Summary;
  /** The first use after the import: one log line, or one parse. */
  readonly firstUseMs: Summary;
}

const tenths = (ms: number) => Math.round(ms * 10) / 10;

/** Import and first-use medians of each probe over `runs` fresh processes. */
export async function measureImportCosts(runs: number, workDir: string): Promise<Record<string, ImportCost>> {
  mkdirSync(workDir, { recursive: true });
  const costs: Record<string, ImportCost> = {};
  try {
    for (const probe of PROBES) {
      const outfile = join(workDir, `${probe.name}.mjs`);
      const built = await build({
        stdin: { contents: probe.source, resolveDir: join(root, probe.from), loader: "ts" },
        bundle: true,
        minify: true,
        platform: "node",
        format: "esm",
        target: "node24",
        supported: { "regexp-unicode-property-escapes": true },
        legalComments: "none",
        outfile,
        write: true,
        metafile: true,
        logLevel: "warning",
      });
      const samples = { importMs: [] as number[], firstUseMs: [] as number[] };
      for (let run = 0; run < runs; run++) {
        const child = await timeNode(["--input-type=module", "-e", RUNNER, outfile], {
          cwd: workDir,
          env: { PATH: process.env.PATH ?? "" },
        });
        const line = child.stdout.split("\n").findLast((l) => l.startsWith(MARKER));
        if (child.exitCode !== 0 || !line)
          throw new Error(`import probe ${probe.name} failed:\n${child.stderr}`);
        const sample = JSON.parse(line.slice(MARKER.length)) as { importMs: number; firstUseMs: number };
        samples.importMs.push(tenths(sample.importMs));
        samples.firstUseMs.push(tenths(sample.firstUseMs));
      }
      costs[probe.name] = {
        bundleBytes: Object.values(built.metafile.outputs)[0]?.bytes ?? 0,
        importMs: summarize(samples.importMs),
        firstUseMs: summarize(samples.firstUseMs),
      };
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return costs;
}
