/**
 * What a staging or production stack must name itself, and the placeholders it may not deploy with.
 * Each case names the key its message must lead with.
 */
import { describe, expect, it } from "vitest";
import { reservedConcurrencyTotal } from "../src/config/reserved-concurrency";
import { validateStackConfig } from "../src/config/validate";
import { FUNCTIONS } from "./harness";
import { type Config, errorOf, lineFor, OWNER_SECRETS, validate } from "./validate-config";

const jwt = (issuer: string) => ({
  "orderflow:apiAuth": { type: "jwt", issuer, audiences: ["orderflow-api"] },
});

/** Per key: a config holding a placeholder value, the key the message names, and that value's domain. */
const PLACEHOLDERS: readonly [label: string, config: Config, key: string, domain: string][] = [
  ["issuer on example.com", jwt("https://example.com/"), "orderflow:apiAuth.issuer", "example.com"],
  [
    "issuer under example.org",
    jwt("https://auth.staging.example.org/"),
    "orderflow:apiAuth.issuer",
    "example.org",
  ],
  ["issuer on localhost", jwt("https://localhost:8443/"), "orderflow:apiAuth.issuer", "localhost"],
  [
    "CORS origin under example.com",
    { "orderflow:corsAllowOrigins": ["https://shop.acme.dev", "https://shop.example.com"] },
    "orderflow:corsAllowOrigins.1",
    "example.com",
  ],
  [
    "CORS origin on example.org",
    { "orderflow:corsAllowOrigins": ["https://example.org"] },
    "orderflow:corsAllowOrigins.0",
    "example.org",
  ],
  [
    "CORS origin under localhost",
    { "orderflow:corsAllowOrigins": ["https://app.localhost:5173"] },
    "orderflow:corsAllowOrigins.0",
    "localhost",
  ],
  [
    "alarm e-mail at example.com",
    { "orderflow:alarmEmail": "oncall@example.com" },
    "orderflow:alarmEmail",
    "example.com",
  ],
  [
    "alarm e-mail under example.org",
    { "orderflow:alarmEmail": "alerts@mail.example.org" },
    "orderflow:alarmEmail",
    "example.org",
  ],
  [
    "alarm e-mail under localhost",
    { "orderflow:alarmEmail": "ops@alerts.localhost" },
    "orderflow:alarmEmail",
    "localhost",
  ],
];

describe("placeholder values", () => {
  describe.each(["staging", "production"])("in the %s tier", (tier) => {
    it.each(PLACEHOLDERS)("refuses the %s, naming the key", (_label, config, key, domain) => {
      // Act
      const message = errorOf({ "orderflow:tier": tier, ...config });

      // Assess
      expect(lineFor(message, key), message).toContain(
        `${domain} is a placeholder domain, refused in the ${tier} tier`,
      );
    });
  });

  it.each(PLACEHOLDERS)("accepts the %s in the development tier", (_label, config) => {
    const tierConfig = { "orderflow:tier": "development", ...config };
    const localOrigins = { "orderflow:corsAllowOrigins": ["http://localhost:5173"] };
    expect(() => validate(tierConfig)).not.toThrow();
    expect(() => validate({ ...tierConfig, ...localOrigins })).not.toThrow();
  });

  it("accepts names that only look alike (another registrable domain, a longer label)", () => {
    // Prepare
    const lookalikes = {
      "orderflow:tier": "production",
      ...jwt("https://example.company.com/"),
      "orderflow:corsAllowOrigins": ["https://myexample.com", "https://example.com.shop.de"],
      "orderflow:alarmEmail": "oncall@localhost-monitoring.net",
    };

    // Act
    const { settings } = validate(lookalikes);

    // Assess
    expect(settings.corsAllowOrigins).toEqual(["https://myexample.com", "https://example.com.shop.de"]);
  });
});

describe("what a stack's owner must set outside development", () => {
  it.each([
    ["staging", ["orderflow:accountId", "orderflow:alarmEmail"]],
    [
      "production",
      [
        "orderflow:accountId",
        "orderflow:alarmEmail",
        "orderflow:reservedConcurrency",
        "orderflow:containerSubnetIds",
      ],
    ],
  ])("refuses a %s stack that names none of it, each key with the command that sets it", (tier, keys) => {
    // Prepare
    const bare = {
      "orderflow:tier": tier,
      "orderflow:accountId": undefined,
      "orderflow:alarmEmail": undefined,
      "orderflow:reservedConcurrency": undefined,
      "orderflow:containerSubnetIds": undefined,
    };

    // Act
    const message = errorOf(bare);

    // Assess
    const named = message
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(":").slice(0, 2).join(":"));
    expect(named.sort()).toEqual([...keys].sort());
    for (const key of keys) expect(lineFor(message, key)).toMatch(/pulumi config set .+ -s test$/);
    if (tier === "production") {
      expect(lineFor(message, "orderflow:containerSubnetIds")).toContain(
        "pulumi config set --path 'orderflow:containerSubnetIds[0]' subnet-<id> -s test",
      );
    }
  });

  it("reports a JWT stack's missing issuer together with the other missing values, each with its command", () => {
    // Act
    const message = errorOf({
      "orderflow:apiAuth": { type: "jwt", audiences: ["orderflow-api"] },
      "orderflow:accountId": undefined,
    });

    // Assess
    expect(lineFor(message, "orderflow:apiAuth.issuer")).toBe(
      "  orderflow:apiAuth.issuer: is required for type jwt: pulumi config set --path 'orderflow:apiAuth.issuer' https://<your identity provider>/ -s test",
    );
    expect(lineFor(message, "orderflow:accountId")).toContain("pulumi config set orderflow:accountId");
  });

  it("takes a webhook instead of an e-mail address as who gets paged", () => {
    const webhook = {
      "orderflow:alarmEmail": undefined,
      "orderflow:alarmWebhookUrl": "https://hooks.acme.dev/x",
    };
    expect(
      validate(webhook, [...OWNER_SECRETS, "orderflow:alarmWebhookUrl"]).settings.alarmEmail,
    ).toBeUndefined();
  });

  it("reads an account id whether the CLI hands it over as a number or, with a leading 0, as text", () => {
    expect(validate({ "orderflow:accountId": 123456789012 }).settings.accountId).toBe("123456789012");
    expect(validate({ "orderflow:accountId": "012345678901" }).settings.accountId).toBe("012345678901");
  });
});

describe("reserved concurrency per stack", () => {
  const lambdaNames = FUNCTIONS.filter((m) => !("kind" in m) || m.kind !== "container").map((m) => m.name);

  it("reserves nothing in a development stack that sets nothing but its mail sender", () => {
    // Act
    const { settings } = validateStackConfig(FUNCTIONS, "test", {
      values: {
        "aws:region": "eu-central-1",
        "orderflow:tier": "development",
        "orderflow:mailSender": JSON.stringify({
          address: "orders@dev.example.com",
          identity: "dev.example.com",
        }),
      },
      isSecret: () => false,
    });

    // Assess
    expect(reservedConcurrencyTotal(settings, FUNCTIONS)).toBe(0);
  });

  it("sums what each function reserves, its own setting over the stack's, containers reserving nothing", () => {
    // Act
    const { settings } = validate({
      "orderflow:reservedConcurrency": 3,
      "orderflow:functions": { api: { reservedConcurrency: 11 } },
    });

    // Assess
    expect(lambdaNames).toContain("api");
    expect(FUNCTIONS.length).toBeGreaterThan(lambdaNames.length);
    expect(reservedConcurrencyTotal(settings, FUNCTIONS)).toBe(3 * (lambdaNames.length - 1) + 11);
  });

  it("names the functions a production stack leaves unreserved", () => {
    // Prepare
    const onlyApi = {
      "orderflow:reservedConcurrency": undefined,
      "orderflow:functions": { api: { reservedConcurrency: 5 } },
    };

    // Act
    const line = lineFor(errorOf(onlyApi), "orderflow:reservedConcurrency") ?? "";

    // Assess
    const listed = /\(([^)]*) reserve nothing\)/.exec(line)?.[1]?.split(", ");
    expect(listed).toEqual(lambdaNames.filter((name) => name !== "api"));
  });
});
