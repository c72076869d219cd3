import { apiFunction } from "@orderflow/api/function";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError, validateStackConfig } from "../src/config/load";
import { LOG_LEVELS, LOG_RETENTION_DAYS, settingKeys, TIERS } from "../src/config/schema";
import { installMocks } from "../src/synth/mocks";
import { CONTAINER_VARIANT } from "./container-variant";
import { FUNCTIONS } from "./harness";

type Config = Record<string, unknown>;

/** The one setting every stack must have besides the region: who customer mail comes from. */
const SENDER = { "orderflow:mailSender": { address: "orders@orderflow.shop", identity: "orderflow.shop" } };

/** Validates config given as the stack file would hold it (structured values become JSON, as the CLI does). */
function validate(config: Config, secretKeys: readonly string[] = []) {
  const values = Object.fromEntries(
    Object.entries({ "aws:region": "eu-central-1", ...SENDER, ...config }).map(([k, v]) => [
      k,
      typeof v === "string" ? v : JSON.stringify(v),
    ]),
  );
  return validateStackConfig(FUNCTIONS, "test", { values, isSecret: (key) => secretKeys.includes(key) });
}

function errorOf(config: Config, secretKeys: readonly string[] = []): string {
  try {
    validate(config, secretKeys);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`config was accepted: ${JSON.stringify(config)}`);
}

const dev = { "orderflow:tier": "development" };

/** One bad value per key: the config, the key the message must name, and what it must say is allowed. */
const BAD_VALUES: readonly [label: string, config: Config, key: string, allowed: RegExp][] = [
  ["region missing", { "aws:region": undefined }, "aws:region", /is required/],
  [
    "region malformed",
    { "aws:region": "mars-north" },
    "aws:region",
    /must be an AWS region such as eu-central-1/,
  ],
  ["tier", { "orderflow:tier": "qa" }, "orderflow:tier", /must be one of development, staging, production/],
  [
    "retention",
    { "orderflow:logRetentionDays": 10 },
    "orderflow:logRetentionDays",
    /must be one of 1, 3, 5, 7, 14/,
  ],
  [
    "log level",
    { "orderflow:logLevel": "VERBOSE" },
    "orderflow:logLevel",
    /must be one of TRACE, DEBUG, INFO/,
  ],
  [
    "concurrency",
    { "orderflow:reservedConcurrency": 0 },
    "orderflow:reservedConcurrency",
    /whole number from 1 to 1000/,
  ],
  [
    "function name",
    { "orderflow:functions": { "ship-it": {} } },
    "orderflow:functions.ship-it",
    /not a known function; allowed: validate-order/,
  ],
  [
    "function setting",
    { "orderflow:functions": { api: { memory: 512 } } },
    "orderflow:functions.api.memory",
    /not a known setting of function api; allowed: reservedConcurrency, env/,
  ],
  [
    "function concurrency",
    { "orderflow:functions": { api: { reservedConcurrency: 1.5 } } },
    "orderflow:functions.api.reservedConcurrency",
    /whole number from 1 to 1000/,
  ],
  [
    "function env var",
    { "orderflow:functions": { "charge-payment": { env: { API_KEY: "x" } } } },
    "orderflow:functions.charge-payment.env.API_KEY",
    /not a known environment variable of charge-payment; allowed: PAYMENT_GATEWAY/,
  ],
  [
    "execution data",
    { "orderflow:workflowIncludeExecutionData": "yes" },
    "orderflow:workflowIncludeExecutionData",
    /true or false/,
  ],
  ["pitr", { "orderflow:pointInTimeRecovery": "maybe" }, "orderflow:pointInTimeRecovery", /true or false/],
  [
    "deletion protection",
    { "orderflow:deletionProtection": 1 },
    "orderflow:deletionProtection",
    /true or false/,
  ],
  [
    "auth type",
    { "orderflow:apiAuth": { type: "basic" } },
    "orderflow:apiAuth.type",
    /"iam", "jwt" or "none"/,
  ],
  [
    "jwt issuer",
    { "orderflow:apiAuth": { type: "jwt", issuer: "http://idp", audiences: ["a"] } },
    "orderflow:apiAuth.issuer",
    /https URL/,
  ],
  [
    "jwt audiences",
    { "orderflow:apiAuth": { type: "jwt", issuer: "https://idp", audiences: [] } },
    "orderflow:apiAuth.audiences",
    /at least one audience/,
  ],
  [
    "auth none outside development",
    { "orderflow:tier": "staging", "orderflow:apiAuth": { type: "none" } },
    "orderflow:apiAuth",
    /only when orderflow:tier is development/,
  ],
  [
    "throttle",
    { "orderflow:apiThrottle": { burstLimit: 0, rateLimit: 5 } },
    "orderflow:apiThrottle.burstLimit",
    /whole number from 1 to 5000/,
  ],
  [
    "throttle field missing",
    { "orderflow:apiThrottle": { burstLimit: 5 } },
    "orderflow:apiThrottle.rateLimit",
    /is required/,
  ],
  [
    "cors wildcard",
    { "orderflow:corsAllowOrigins": ["*"] },
    "orderflow:corsAllowOrigins.0",
    /origin like https:\/\/shop.example.com/,
  ],
  [
    "cors localhost outside development",
    { "orderflow:tier": "staging", "orderflow:corsAllowOrigins": ["http://localhost:3000"] },
    "orderflow:corsAllowOrigins",
    /only in the development tier/,
  ],
  [
    "container subnet id",
    { "orderflow:containerSubnetIds": ["sub-1"] },
    "orderflow:containerSubnetIds.0",
    /must be a subnet id like subnet-0a1b2c3d4e5f60718/,
  ],
  [
    "container subnets empty",
    { "orderflow:containerSubnetIds": [] },
    "orderflow:containerSubnetIds",
    /at least one subnet \(or be left out to use the default VPC\)/,
  ],
  [
    "container subnets repeated",
    { "orderflow:containerSubnetIds": ["subnet-0a1b2c3d", "subnet-0a1b2c3d"] },
    "orderflow:containerSubnetIds",
    /must not list a subnet twice/,
  ],
  [
    "container public IP",
    { "orderflow:containerSubnetIds": ["subnet-0a1b2c3d"], "orderflow:containerAssignPublicIp": "yes" },
    "orderflow:containerAssignPublicIp",
    /true or false/,
  ],
  [
    "container public IP without subnets",
    { "orderflow:containerAssignPublicIp": false },
    "orderflow:containerAssignPublicIp",
    /applies only with orderflow:containerSubnetIds; the default VPC's subnets are public/,
  ],
  [
    "container insights",
    { "orderflow:containerInsights": "on" },
    "orderflow:containerInsights",
    /must be one of enhanced, enabled, disabled/,
  ],
  ["alarm e-mail", { "orderflow:alarmEmail": "on-call" }, "orderflow:alarmEmail", /e-mail address/],
  [
    "tag key reserved",
    { "orderflow:tags": { Project: "other" } },
    "orderflow:tags.Project",
    /set by the program/,
  ],
  ["tag value", { "orderflow:tags": { Team: 7 } }, "orderflow:tags.Team", /tag values must be strings/],
  [
    "pitr in production",
    { "orderflow:pointInTimeRecovery": false },
    "orderflow:pointInTimeRecovery",
    /must be true in the production tier/,
  ],
  [
    "deletion protection in production",
    { "orderflow:deletionProtection": false },
    "orderflow:deletionProtection",
    /must be true in the production tier/,
  ],
  ["mail sender missing", { "orderflow:mailSender": undefined }, "orderflow:mailSender", /is required/],
  [
    "mail sender address",
    { "orderflow:mailSender": { address: "orders", identity: "orderflow.shop" } },
    "orderflow:mailSender.address",
    /must be an e-mail address/,
  ],
  [
    "mail sender identity",
    { "orderflow:mailSender": { address: "orders@orderflow.shop", identity: "not a domain" } },
    "orderflow:mailSender.identity",
    /must be a domain or an e-mail address verified in SES/,
  ],
  [
    "mail sender on another identity",
    { "orderflow:mailSender": { address: "orders@orderflow.shop", identity: "elsewhere.net" } },
    "orderflow:mailSender",
    /identity must be the address itself or its domain/,
  ],
  [
    "mail sender on an example domain outside development",
    { "orderflow:mailSender": { address: "orders@shop.example.com", identity: "example.com" } },
    "orderflow:mailSender",
    /example\.com is a reserved example domain, a placeholder/,
  ],
  [
    "execution data in production",
    { "orderflow:workflowIncludeExecutionData": true },
    "orderflow:workflowIncludeExecutionData",
    /e-mail and addresses/,
  ],
];

describe("stack config validation", () => {
  it.each(BAD_VALUES)(
    "rejects a bad %s naming the key and what is allowed",
    (_label, config, key, allowed) => {
      // Act
      const message = errorOf(config);

      // Assess
      expect(message).toMatch(/^invalid configuration for stack test \(Pulumi.test.yaml\):/);
      const line = message.split("\n").find((l) => l.trim().startsWith(`${key}:`));
      expect(line, message).toBeDefined();
      expect(line).toMatch(allowed);
    },
  );

  it("has a bad-value case for every key it knows", () => {
    const covered = new Set(BAD_VALUES.map(([, , key]) => key.replace(/^orderflow:/, "").split(".")[0]));
    expect(settingKeys(FUNCTIONS).filter((key) => !covered.has(key) && key !== "alarmWebhookUrl")).toEqual(
      [],
    );
  });

  it("accepts a minimal config and fills in the safe defaults", () => {
    const { settings } = validate({});
    expect(settings.containerSubnetIds).toBeUndefined();
    expect(settings).toMatchObject({
      containerInsights: "enabled",
      tier: "production",
      workflowIncludeExecutionData: false,
      pointInTimeRecovery: true,
      deletionProtection: true,
      apiAuth: { type: "iam" },
      corsAllowOrigins: [],
    });
  });

  it("takes only environment overrides for a container task, which has no concurrency to reserve", () => {
    // Prepare
    const tasks = [...CONTAINER_VARIANT.tasks, apiFunction];
    const check = (functions: Config) =>
      validateStackConfig(tasks, "test", {
        values: {
          "aws:region": "eu-central-1",
          "orderflow:mailSender": JSON.stringify(SENDER["orderflow:mailSender"]),
          "orderflow:functions": JSON.stringify(functions),
        },
        isSecret: () => false,
      });

    // Act
    const accepted = check({ "create-shipment": { env: { CARRIER: "UPS" } } });
    const refused = () => check({ "create-shipment": { reservedConcurrency: 2 } });

    // Assess
    expect(accepted.settings.functions["create-shipment"]).toEqual({ env: { CARRIER: "UPS" } });
    expect(refused).toThrow(
      "orderflow:functions.create-shipment.reservedConcurrency: is not a known setting of container task create-shipment; allowed: env",
    );
  });

  it("uses given subnets with a private address unless a public IP is asked for", () => {
    const subnets = { "orderflow:containerSubnetIds": ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d"] };
    expect(validate(subnets).settings).toMatchObject({
      containerSubnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d"],
    });
    expect(validate(subnets).settings.containerAssignPublicIp).toBeUndefined();
    expect(
      validate({ ...subnets, "orderflow:containerAssignPublicIp": true }).settings.containerAssignPublicIp,
    ).toBe(true);
  });

  it("sends from an address on its identity or a subdomain of it, and from example domains only in development", () => {
    // Prepare
    const sender = (address: string, identity: string, tier = "production") => ({
      "orderflow:tier": tier,
      "orderflow:mailSender": { address, identity },
    });

    // Act / Assess
    expect(validate(sender("orders@mail.orderflow.shop", "orderflow.shop")).settings.mailSender).toEqual({
      address: "orders@mail.orderflow.shop",
      identity: "orderflow.shop",
    });
    expect(
      validate(sender("orders@orderflow.shop", "orders@orderflow.shop")).settings.mailSender.identity,
    ).toBe("orders@orderflow.shop");
    expect(validate(sender("orders@dev.example.com", "dev.example.com", "development")).settings.tier).toBe(
      "development",
    );
    for (const identity of ["shop.test", "mail.example.org", "orders.localhost"]) {
      expect(errorOf(sender(`orders@${identity}`, identity, "staging"))).toContain(
        "is a reserved example domain",
      );
    }
    expect(errorOf(sender("orders@orderflow.shop", "shop.orderflow.shop"))).toContain(
      "identity must be the address itself or its domain",
    );
  });

  it("allows no authentication only in the development tier", () => {
    expect(validate({ ...dev, "orderflow:apiAuth": { type: "none" } }).settings.apiAuth).toEqual({
      type: "none",
    });
    for (const tier of ["staging", "production"]) {
      expect(errorOf({ "orderflow:tier": tier, "orderflow:apiAuth": { type: "none" } })).toContain(
        "orderflow:apiAuth",
      );
    }
  });

  it("lists every problem at once", () => {
    const message = errorOf({
      "orderflow:tier": "qa",
      "orderflow:logLevel": "LOUD",
      "orderflow:colour": "blue",
    });
    expect(message.split("\n").slice(1)).toHaveLength(3);
  });

  it("accepts the webhook only as a Pulumi secret and never repeats its value", () => {
    // Prepare
    const url = "https://hooks.example.com/T000/B000/s3cr3t-token";

    // Act
    const plain = errorOf({ "orderflow:alarmWebhookUrl": url });
    const insecure = errorOf({ "orderflow:alarmWebhookUrl": "http://hooks/s3cr3t-token" }, [
      "orderflow:alarmWebhookUrl",
    ]);
    const accepted = validate({ "orderflow:alarmWebhookUrl": url }, ["orderflow:alarmWebhookUrl"]);

    // Assess
    expect(plain).toContain("pulumi config set --secret orderflow:alarmWebhookUrl <value>");
    expect(insecure).toMatch(/orderflow:alarmWebhookUrl: must be an https URL$/m);
    for (const message of [plain, insecure]) expect(message).not.toContain("s3cr3t-token");
    expect(accepted.settings.alarmWebhookUrl).toBe(url);
  });

  it("rejects every unknown key, naming it and the known ones", () => {
    const known = new Set(settingKeys(FUNCTIONS));
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][A-Za-z0-9]{0,20}$/).filter((key) => !known.has(key)),
        (key) => {
          const message = errorOf({ [`orderflow:${key}`]: "x" });
          expect(message).toContain(
            `orderflow:${key}: is not a known setting; allowed: tier, logRetentionDays`,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("rejects every retention CloudWatch does not offer and accepts every one it does", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 4000 }), (days) => {
        const allowed = (LOG_RETENTION_DAYS as readonly number[]).includes(days);
        if (allowed)
          expect(validate({ "orderflow:logRetentionDays": days }).settings.logRetentionDays).toBe(days);
        else expect(errorOf({ "orderflow:logRetentionDays": days })).toContain("orderflow:logRetentionDays");
      }),
      { numRuns: 300 },
    );
  });

  it("accepts any combination of valid values that respects the tier floors", () => {
    // Plain host names: valibot's e-mail check refuses some RFC-valid oddities (e.g. `a--b` labels).
    const host = fc.stringMatching(/^([a-z0-9]{1,10}\.){1,3}[a-z]{2,6}$/);
    const settings = fc.record({
      tier: fc.constantFrom(...TIERS),
      logRetentionDays: fc.constantFrom(...LOG_RETENTION_DAYS),
      logLevel: fc.constantFrom(...LOG_LEVELS),
      reservedConcurrency: fc.integer({ min: 1, max: 1000 }),
      apiThrottle: fc.record({
        burstLimit: fc.integer({ min: 1, max: 5000 }),
        rateLimit: fc.integer({ min: 1, max: 10000 }),
      }),
      corsAllowOrigins: fc.array(
        host.map((h) => `https://${h}`),
        { maxLength: 3 },
      ),
      alarmEmail: fc
        .tuple(fc.stringMatching(/^[a-z0-9]{1,10}(\.[a-z0-9]{1,5})?$/), host)
        .map(([local, domain]) => `${local}@${domain}`),
    });
    fc.assert(
      fc.property(settings, (s) => {
        const floors =
          s.tier === "development" ? {} : { pointInTimeRecovery: true, deletionProtection: true };
        const config = Object.fromEntries(
          Object.entries({ ...s, ...floors }).map(([k, v]) => [`orderflow:${k}`, v]),
        );
        expect(validate(config).settings).toMatchObject({ ...s, ...floors });
      }),
      { numRuns: 100 },
    );
  });

  it("fails the program before it declares any resource", async () => {
    // Prepare
    const mocks = await installMocks(
      { accountId: "123456789012", region: "eu-central-1" },
      "orderflow",
      "broken",
    );
    pulumi.runtime.setAllConfig({ "aws:region": "eu-central-1", "orderflow:logRetentionDays": "10" }, []);
    const { orderflowProgram } = await import("../src/program");

    // Act
    const run = () => orderflowProgram();

    // Assess
    expect(run).toThrow(/orderflow:logRetentionDays: must be one of/);
    expect(run).toThrow(ConfigError);
    expect(mocks.resources).toEqual([]);
  });
});
