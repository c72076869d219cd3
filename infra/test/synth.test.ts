import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { normalize, SECRET_MARKER, UNKNOWN_MARKER } from "../src/synth/normalize";
import { readStackFile } from "../src/synth/stack-file";
import { renderSynth, synthesize } from "../src/synth/synthesize";
import { INFRA_DIR, stackFile } from "./harness";

const SECRET_WEBHOOK = "https://hooks.example.com/services/T0001/B0001/do-not-leak-4f9c2e";
const SECRET_STRIPE_KEY = "sk_live_DoNotLeak7d1e0c5b9a";

describe("offline synth", () => {
  it("renders the same input to byte-identical files", async () => {
    // Act
    const first = renderSynth((await synthesize(stackFile("prod"))).document);
    const second = renderSynth((await synthesize(stackFile("prod"))).document);

    // Assess
    expect(first.length).toBeGreaterThan(10_000);
    expect(second).toBe(first);
  });

  it("lists every resource as {type, name, parent, inputs} in type-then-name order, with the ASL and outputs", async () => {
    // Act
    const { document, captured } = await synthesize(stackFile("dev"));

    // Assess
    expect(document.resources).toHaveLength(captured.length);
    const order = document.resources.map((r) => `${r.type}\u0000${r.name}`);
    expect(order).toEqual([...order].sort());
    for (const resource of document.resources)
      expect(Object.keys(resource)).toEqual(["type", "name", "parent", "inputs"]);
    expect(document.stateMachineDefinition).toMatchObject({
      StartAt: "ValidateOrder",
      States: expect.any(Object),
    });
    expect(Object.keys(document.outputs).sort()).toEqual([
      "alarmNames",
      "alarmTopicArn",
      "apiUrl",
      "eventBusName",
      "stateMachineAliasArn",
      "stateMachineArn",
      "tableNames",
    ]);
    const code = document.resources.find((r) => r.name === "api-function")?.inputs.code;
    expect(code).toEqual({
      archive: {
        "handler.mjs": { asset: "packages/api/dist/handler.mjs" },
        "handler.mjs.map": { asset: "packages/api/dist/handler.mjs.map" },
      },
    });
  });

  it("never writes a secret value, and marks where one was used", async () => {
    // Prepare
    const prod = stackFile("prod");
    const withSecret = {
      ...prod,
      config: {
        ...prod.config,
        "orderflow:alarmWebhookUrl": SECRET_WEBHOOK,
        "orderflow:stripeSecretKey": SECRET_STRIPE_KEY,
      },
      secretKeys: [...prod.secretKeys, "orderflow:alarmWebhookUrl"],
    };

    // Act
    const { document } = await synthesize(withSecret);
    const text = renderSynth(document);

    // Assess
    expect(text).not.toContain("do-not-leak-4f9c2e");
    expect(text).not.toContain("hooks.example.com");
    expect(text).not.toContain("DoNotLeak");
    const webhook = document.resources.find((r) => r.name === "alarms-webhook");
    expect(webhook?.inputs).toMatchObject({ protocol: "https", endpoint: SECRET_MARKER });
    const parameter = document.resources.find((r) => r.name === "stripe-secret-key");
    expect(parameter?.inputs).toMatchObject({ type: "SecureString", value: SECRET_MARKER });
  });

  it("reads `secure:` values from a stack file as secrets without knowing them", async () => {
    // Prepare
    const dir = fileURLToPath(new URL("fixtures/stack-with-secret", import.meta.url));

    // Act
    const input = readStackFile(dir, "ops");
    const text = renderSynth((await synthesize(input)).document);

    // Assess
    expect(input.secretKeys).toEqual(["orderflow:alarmWebhookUrl"]);
    expect(input.config["orderflow:apiThrottle"]).toBe('{"burstLimit":20,"rateLimit":10}');
    expect(text).not.toContain(input.config["orderflow:alarmWebhookUrl"]);
    expect(text).not.toContain("c2VjcmV0LWNpcGhlcnRleHQ");
    expect(text).toContain(`"endpoint": "${SECRET_MARKER}"`);
  });

  it("replaces unknown values and orders object keys", async () => {
    const value = { b: pulumi.unknown, a: ["04da6b54-80e4-46f7-96ec-b56ff0331ba9", 1], c: undefined };
    const normalized = await normalize(value, { secretValues: [] });
    expect(JSON.stringify(normalized)).toBe(`{"a":["${UNKNOWN_MARKER}",1],"b":"${UNKNOWN_MARKER}"}`);
  });

  it("writes .synth/<stack>.json from the command line, identical to the in-process synth", async () => {
    // Act
    const result = spawnSync("tsx", ["src/synth/cli.ts", "--stack", "staging"], {
      cwd: INFRA_DIR,
      encoding: "utf8",
    });

    // Assess
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/staging +\d+ resources .* 0 violation\(s\)/);
    const written = readFileSync(join(INFRA_DIR, ".synth", "staging.json"), "utf8");
    expect(written).toBe(renderSynth((await synthesize(stackFile("staging"))).document));
  }, 60_000);

  it("refuses an unknown stack name on the command line", () => {
    const result = spawnSync("tsx", ["src/synth/cli.ts", "--stack", "qa"], {
      cwd: INFRA_DIR,
      encoding: "utf8",
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("--stack must be one of dev, staging, prod or all (got qa)");
  });

  it("refuses to synthesize prod with the sandbox gateway, naming the key, before declaring anything", async () => {
    // Prepare: the prod stack file as checked in, with the gateway switched back to the sandbox
    const prod = stackFile("prod");
    const { "orderflow:stripeSecretKey": _key, ...config } = prod.config;
    const sandboxed = {
      ...prod,
      config: { ...config, "orderflow:paymentGateway": "sandbox" },
      secretKeys: [],
    };

    // Act
    const run = synthesize(sandboxed);

    // Assess
    await expect(run).rejects.toThrow(
      /invalid configuration for stack prod[\s\S]*orderflow:paymentGateway: sandbox charges nobody/,
    );
  });
});
