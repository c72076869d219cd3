import { apiFunction } from "@orderflow/api/function";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { placeholderDomain } from "../src/config/placeholders";
import { LOG_LEVELS, LOG_RETENTION_DAYS, settingKeys, TIERS } from "../src/config/schema";
import { ConfigError, validateStackConfig } from "../src/config/validate";
import { installMocks } from "../src/synth/mocks";
import { CONTAINER_VARIANT } from "./container-variant";
import { FUNCTIONS } from "./harness";
import {
  asCliValues,
  type Config,
  errorOf,
  LIVE_KEY,
  lineFor,
  OWNER_SECRETS,
  validate,
} from "./validate-config";

const dev = { "orderflow:tier": "development" };
/** A development stack's sender, as the stack file holds it (structured values are JSON). */
const DEV_SENDER = {
  "orderflow:mailSender": JSON.stringify({ address: "orders@dev.example.com", identity: "dev.example.com" }),
};

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
    "payment gateway",
    { "orderflow:paymentGateway": "paypal" },
    "orderflow:paymentGateway",
    /must be one of sandbox, stripe/,
  ],
  [
    "stripe secret key",
    { "orderflow:stripeSecretKey": "pk_live_1234567890abcdef" },
    "orderflow:stripeSecretKey",
    /must be a Stripe secret or restricted key/,
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
    { "orderflow:containerAssignPublicIp": false, "orderflow:containerSubnetIds": undefined },
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
  ["account", { "orderflow:accountId": "12345" }, "orderflow:accountId", /must be a 12-digit AWS account id/],
  [
    "canary share",
    { "orderflow:canary": { weight: 60, bakeMinutes: 30 } },
    "orderflow:canary.weight",
    /whole number from 1 to 50/,
  ],
  [
    "canary bake",
    { "orderflow:canary": { weight: 10 } },
    "orderflow:canary.bakeMinutes",
    /is required: pulumi config set --path 'orderflow:canary.bakeMinutes' <value> -s test/,
  ],
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
    /example\.com is a placeholder domain, refused in the production tier/,
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
      const line = lineFor(message, key);
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

  it("accepts a development stack that names only its mail sender and fills in the safe defaults", () => {
    // Act
    const { settings } = validateStackConfig(FUNCTIONS, "test", {
      values: { "aws:region": "eu-central-1", "orderflow:tier": "development", ...DEV_SENDER },
      isSecret: () => false,
    });

    // Assess
    for (const key of [
      "containerSubnetIds",
      "reservedConcurrency",
      "accountId",
      "alarmEmail",
      "canary",
    ] as const) {
      expect(settings[key], key).toBeUndefined();
    }
    const unpaid = { "orderflow:paymentGateway": undefined, "orderflow:stripeSecretKey": undefined };
    expect(validate({ ...unpaid, ...dev }).settings.paymentGateway).toBe("sandbox");
    expect(settings).toMatchObject({
      containerInsights: "enabled",
      tier: "development",
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
        values: asCliValues({ "orderflow:functions": functions }),
        isSecret: (key) => OWNER_SECRETS.includes(key),
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
    for (const identity of ["example.com", "mail.example.org", "orders.localhost"]) {
      expect(errorOf(sender(`orders@${identity}`, identity, "staging"))).toContain(
        "is a placeholder domain, refused in the staging tier",
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

  it("refuses the sandbox gateway in the production tier, naming the key, and allows it below", () => {
    // Prepare
    const sandbox = { "orderflow:paymentGateway": "sandbox", "orderflow:stripeSecretKey": undefined };

    // Act
    const production = errorOf(sandbox);
    const staging = validate({ ...sandbox, "orderflow:tier": "staging" });

    // Assess
    expect(production).toMatch(
      /^ {2}orderflow:paymentGateway: sandbox charges nobody: the production tier needs stripe/m,
    );
    expect(staging.settings.paymentGateway).toBe("sandbox");
  });

  it("needs the Stripe key with stripe, only as a Pulumi secret, live in production, and never repeats it", () => {
    // Prepare
    const testKey = "sk_test_51ZyXwVuTsRqPoNm";

    // Act
    const missing = errorOf({ "orderflow:stripeSecretKey": undefined });
    const plain = errorOf({}, []);
    const testInProduction = errorOf({ "orderflow:stripeSecretKey": testKey });
    const malformed = errorOf({ "orderflow:stripeSecretKey": `${testKey} ` });
    const testInStaging = validate({ "orderflow:tier": "staging", "orderflow:stripeSecretKey": testKey });
    const withoutStripe = errorOf({ "orderflow:tier": "staging", "orderflow:paymentGateway": "sandbox" });

    // Assess
    expect(missing).toContain("orderflow:stripeSecretKey: is required with paymentGateway stripe");
    expect(plain).toContain("pulumi config set --secret orderflow:stripeSecretKey <value>");
    expect(testInProduction).toContain("orderflow:stripeSecretKey: must be a live key");
    expect(malformed).toMatch(/orderflow:stripeSecretKey: must be a Stripe secret or restricted key/);
    expect(withoutStripe).toContain(
      "orderflow:stripeSecretKey: applies only with orderflow:paymentGateway stripe",
    );
    expect(testInStaging.settings.stripeSecretKey).toBe(testKey);
    for (const message of [plain, testInProduction, malformed, withoutStripe]) {
      expect(message).not.toContain(testKey);
      expect(message).not.toContain(LIVE_KEY);
    }
  });

  it.each(["charge-payment", "refund-payment"])(
    "refuses %s's gateway variables, which come from orderflow:paymentGateway for both payment functions",
    (fn) => {
      // Act
      const message = errorOf({
        "orderflow:functions": {
          [fn]: { env: { PAYMENT_GATEWAY: "sandbox", STRIPE_SECRET_KEY_PARAMETER_NAME: "/x" } },
        },
      });

      // Assess
      expect(message).toContain(
        `orderflow:functions.${fn}.env.PAYMENT_GATEWAY: is set from orderflow:paymentGateway`,
      );
      expect(message).toContain(
        `orderflow:functions.${fn}.env.STRIPE_SECRET_KEY_PARAMETER_NAME: is set from`,
      );
    },
  );

  it("lets a stack below production point the Stripe SDK elsewhere, and not production", () => {
    // Prepare
    const elsewhere = {
      "orderflow:functions": { "charge-payment": { env: { STRIPE_API_BASE_URL: "http://localhost:12111" } } },
    };

    // Act
    const production = errorOf(elsewhere);
    const development = validate({
      ...elsewhere,
      ...dev,
      "orderflow:stripeSecretKey": "sk_test_51ZyXwVuTsRqPoNm",
    });

    // Assess
    expect(production).toContain(
      "orderflow:functions.charge-payment.env.STRIPE_API_BASE_URL: must stay unset in the production tier",
    );
    expect(development.settings.functions["charge-payment"]?.env?.STRIPE_API_BASE_URL).toBe(
      "http://localhost:12111",
    );
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
    const secrets = ["orderflow:alarmWebhookUrl", "orderflow:stripeSecretKey"];
    const plain = errorOf({ "orderflow:alarmWebhookUrl": url });
    const insecure = errorOf({ "orderflow:alarmWebhookUrl": "http://hooks/s3cr3t-token" }, secrets);
    const accepted = validate({ "orderflow:alarmWebhookUrl": url }, secrets);

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
    const host = fc
      .stringMatching(/^([a-z0-9]{1,10}\.){1,3}[a-z]{2,6}$/)
      .filter((h) => placeholderDomain(h) === undefined);
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
