import { GetAccountSettingsCommand } from "@aws-sdk/client-lambda";
import { ListSubscriptionsByTopicCommand } from "@aws-sdk/client-sns";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../src/commands/command";
import { parsePreflightArgs } from "../src/commands/preflight";
import { aws, healthyAccount, PIN, preflight, readyPrograms, TOPIC } from "./support/preflight-harness";

beforeEach(() => {
  healthyAccount();
});

const status = (row: string) => row.split(/\s{2,}/)[1];

describe("orderflow preflight", () => {
  it("passes a ready account and machine: every check ok, exit 0", async () => {
    // Act
    const run = await preflight("prod");

    // Assess
    expect(run.code).toBe(0);
    for (const check of [
      "config",
      "credentials",
      "lambda-quota",
      "network",
      "alarm-subscription",
      "image-builder",
      "pulumi-cli",
    ]) {
      expect(status(run.row(check)), check).toBe("ok");
    }
    expect(run.stdout).toContain("ready for pulumi up");
  });

  it("exits 1 and says what to do, one line per failed check", async () => {
    // Prepare
    aws.lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 10 } });

    // Act
    const run = await preflight("prod", { ...readyPrograms(), "pulumi version": "v3.100.0\n" });

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("2 check(s) failed; what to do:");
    expect(run.fix("lambda-quota")).toBeDefined();
    expect(run.fix("pulumi-cli")).toBeDefined();
    expect(run.fix("network")).toBeUndefined();
  });
});

describe("check: config", () => {
  it("fails a stack file with a placeholder and a missing account, naming both, and skips what needs it", async () => {
    // Act
    const run = await preflight("broken");

    // Assess
    expect(run.code).toBe(1);
    expect(run.row("config")).toMatch(/FAIL +2 problem\(s\) in Pulumi\.broken\.yaml$/);
    expect(run.stdout).toContain("  config: orderflow:alarmEmail: example.com is a placeholder domain");
    expect(run.stdout).toContain(
      "\n    orderflow:accountId: is required in the production tier (the provider then refuses any other account): " +
        "pulumi config set orderflow:accountId <12-digit account id> -s broken\n",
    );
    for (const check of ["credentials", "lambda-quota", "network", "alarm-subscription"]) {
      expect(run.row(check), check).toMatch(/skipped +needs a valid stack config/);
    }
    expect(aws.sts.calls()).toHaveLength(0);
  });

  it("fails a stack without a stack file", async () => {
    const run = await preflight("qa");
    expect(run.row("config")).toMatch(/FAIL +no Pulumi\.qa\.yaml in /);
  });
});

describe("check: credentials", () => {
  it("passes credentials of the pinned account in the stack's region", async () => {
    const run = await preflight("prod", readyPrograms(), { AWS_REGION: "eu-central-1" });
    expect(run.row("credentials")).toMatch(/ok +account 123456789012 in eu-central-1$/);
  });

  it("fails credentials of another account", async () => {
    // Prepare
    aws.sts.on(GetCallerIdentityCommand).resolves({ Account: "999999999999" });

    // Act
    const run = await preflight("prod");

    // Assess
    expect(run.row("credentials")).toMatch(
      /FAIL +account 999999999999, but the stack deploys to 123456789012/,
    );
    expect(run.fix("credentials")).toBe(
      "use credentials for account 123456789012 (or fix orderflow:accountId in Pulumi.prod.yaml)",
    );
  });

  it("fails a default region that points elsewhere", async () => {
    const run = await preflight("prod", readyPrograms(), { AWS_DEFAULT_REGION: "us-east-1" });
    expect(run.row("credentials")).toContain(
      "AWS_REGION is us-east-1, but the stack deploys to eu-central-1",
    );
    expect(run.fix("credentials")).toBe(
      "export AWS_REGION=eu-central-1 (in CI: the repository variable AWS_REGION)",
    );
  });

  it("fails without credentials, says how to log in, and skips the checks that need AWS", async () => {
    // Prepare
    aws.sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      }),
    );

    // Act
    const run = await preflight("prod");

    // Assess
    expect(run.row("credentials")).toMatch(/FAIL +CredentialsProviderError: Could not load credentials/);
    expect(run.fix("credentials")).toMatch(/^log in with the stack's deploy role: `aws sso login/);
    for (const check of ["lambda-quota", "network", "alarm-subscription"]) {
      expect(run.row(check), check).toMatch(/skipped +needs working AWS credentials/);
    }
    expect(aws.lambda.calls()).toHaveLength(0);
  });
});

describe("check: lambda-quota", () => {
  it("passes a quota of at least the reserved sum (175 in prod) plus the 100 Lambda keeps unreserved", async () => {
    aws.lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 275 } });
    const run = await preflight("prod");
    expect(run.row("lambda-quota")).toMatch(/ok +quota 275 ≥ 175 reserved \+ 100$/);
  });

  it("fails a new account's low quota with the request that raises it", async () => {
    // Prepare
    aws.lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 274 } });

    // Act
    const run = await preflight("prod");

    // Assess
    expect(run.row("lambda-quota")).toMatch(/FAIL +quota 274 < 175 reserved \+ 100 unreserved/);
    expect(run.fix("lambda-quota")).toContain(
      "aws service-quotas request-service-quota-increase --service-code lambda --quota-code L-B99A9384 " +
        "--desired-value 275 --region eu-central-1",
    );
  });

  it("passes any quota for a stack that reserves nothing (dev)", async () => {
    aws.lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 10 } });
    const run = await preflight("dev");
    expect(run.row("lambda-quota")).toMatch(/ok +quota 10; the stack reserves nothing$/);
  });

  it("fails when the role may not read the account settings, naming the permission", async () => {
    aws.lambda
      .on(GetAccountSettingsCommand)
      .rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException", $metadata: {} }));
    const run = await preflight("prod");
    expect(run.fix("lambda-quota")).toBe(
      "the deploy role needs lambda:GetAccountSettings (infra/iam/deploy-role-policy.json)",
    );
  });
});

describe("check: alarm-subscription", () => {
  it("skips before the first deploy, when the stack has no alarm topic yet", async () => {
    const run = await preflight("prod", { ...readyPrograms(), "pulumi stack output": "{}" });
    expect(run.row("alarm-subscription")).toMatch(/skipped +not deployed yet/);
    expect(aws.sns.calls()).toHaveLength(0);
  });

  it("fails while the e-mail subscription waits for its confirmation", async () => {
    // Prepare
    aws.sns.on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC }).resolves({
      Subscriptions: [
        { Protocol: "email", Endpoint: "oncall@shop.test", SubscriptionArn: "PendingConfirmation" },
        {
          Protocol: "https",
          Endpoint: "https://hooks.shop.test/secret-token",
          SubscriptionArn: `${TOPIC}:1`,
        },
      ],
    });

    // Act
    const run = await preflight("prod");

    // Assess
    expect(run.row("alarm-subscription")).toMatch(/FAIL +not confirmed: e-mail oncall@shop\.test$/);
    expect(run.fix("alarm-subscription")).toContain("the link in the AWS Notification e-mail");
    expect(run.stdout).not.toContain("secret-token");
  });
});

describe("check: pulumi-cli", () => {
  it("passes the pinned version and fails another one, with the install command", async () => {
    // Act
    const pinned = await preflight("prod");
    const other = await preflight("prod", { ...readyPrograms(), "pulumi version": "v3.199.0\n" });

    // Assess
    expect(PIN).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pinned.row("pulumi-cli")).toMatch(new RegExp(`ok +${PIN.replace(/\./g, "\\.")}, as pinned$`));
    expect(other.row("pulumi-cli")).toMatch(/FAIL +3\.199\.0 installed, .* pinned/);
    expect(other.fix("pulumi-cli")).toContain(
      `curl -fsSL https://get.pulumi.com | sh -s -- --version ${PIN}`,
    );
  });

  it("fails without the Pulumi CLI", async () => {
    const run = await preflight("prod", {
      ...readyPrograms(),
      "pulumi version": "ENOENT",
      "pulumi stack output": "ENOENT",
    });
    expect(run.row("pulumi-cli")).toMatch(/FAIL +the Pulumi CLI is not installed/);
    expect(run.row("alarm-subscription")).toContain("skipped");
  });
});

describe("parsePreflightArgs", () => {
  it("needs --stack", () => {
    expect(parsePreflightArgs(["--stack", "prod"])).toEqual({ stack: "prod" });
    expect(() => parsePreflightArgs([])).toThrow(CliError);
    expect(() => parsePreflightArgs(["--stack", "prod", "--fix"])).toThrow("Unknown option '--fix'");
  });
});
