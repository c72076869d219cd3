/**
 * The Pulumi CLI runs the bundles in `dist/`, not the sources: these tests run them the way it does.
 * They need `build` first (turbo's `test` depends on it).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { policies } from "../src/policy/policies";
import { renderSynth, synthesize } from "../src/synth/synthesize";
import { INFRA_DIR, POLICY_PACK_DIR, stackFile } from "./harness";

function requireBuilt(file: string): void {
  if (!existsSync(join(INFRA_DIR, "dist", file))) {
    throw new Error(`dist/${file} is missing: run \`pnpm turbo run build --filter=@orderflow/infra\` first`);
  }
}

/** The analyzer's gRPC client, from the same packages the policy server uses. */
function analyzerClient(port: string) {
  const fromInfra = createRequire(join(INFRA_DIR, "package.json"));
  const fromPolicy = createRequire(fromInfra.resolve("@pulumi/policy"));
  const fromPulumi = createRequire(fromPolicy.resolve("@pulumi/pulumi"));
  const grpc = fromPolicy("@grpc/grpc-js");
  const { AnalyzerService } = fromPulumi("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
  const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb.js");
  const Client = grpc.makeClientConstructor(AnalyzerService, "Analyzer");
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    policyNames: () =>
      new Promise<{ pack: string; names: string[] }>((resolve, reject) =>
        client.getAnalyzerInfo(
          new Empty(),
          (error: Error | null, info: { getName(): string; getPoliciesList(): { getName(): string }[] }) =>
            error
              ? reject(error)
              : resolve({ pack: info.getName(), names: info.getPoliciesList().map((p) => p.getName()) }),
        ),
      ),
    close: () => client.close(),
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`policy pack exited with ${code} before serving`)));
  });
}

describe("bundles", () => {
  it("runs the bundled entry under Node's own loader with the same result as the sources", async () => {
    // Prepare
    requireBuilt("main.mjs");

    // Act
    const result = spawnSync("tsx", ["test/support/synth-bundled-entry.ts", "prod"], {
      cwd: INFRA_DIR,
      encoding: "utf8",
      maxBuffer: 32 * 1024 * 1024,
    });

    // Assess
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(renderSynth((await synthesize(stackFile("prod"))).document));
  }, 60_000);

  it("serves every policy from the real PolicyPack when the pack folder is loaded", async () => {
    // Prepare
    requireBuilt("policy-pack.cjs");
    const child = spawn(process.execPath, ["-e", 'require(".")'], {
      cwd: POLICY_PACK_DIR,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const port = await firstLine(child);
      const client = analyzerClient(port);

      // Act
      const info = await client.policyNames();
      client.close();

      // Assess
      expect(port).toMatch(/^\d+$/);
      expect(info.pack).toBe("orderflow");
      expect(info.names).toEqual(policies.map((p) => p.name));
      expect(info.names.length).toBeGreaterThanOrEqual(25);
    } finally {
      child.kill();
    }
  }, 30_000);
});
