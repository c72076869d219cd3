/**
 * The CI roles as the repository documents them (infra/iam): the preview role reads no data and changes
 * nothing, the deploy role can do what the program and the deploy job's commands need, and each trusts
 * only the GitHub jobs it is for.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  actionMatches,
  dataPlaneGrants,
  IAM_DIR,
  missingActions,
  nonReadActions,
  type PolicyJson,
  REPO_ROOT,
  readPolicy,
  undocumentedWildcards,
} from "../src";

interface RequiredActions {
  readonly resources: Readonly<Record<string, readonly string[]>>;
  readonly invokes: Readonly<Record<string, readonly string[]>>;
  readonly commands: Readonly<Record<string, readonly string[]>>;
  readonly preview: readonly string[];
}

const required = JSON.parse(
  await readFile(join(REPO_ROOT, IAM_DIR, "required-actions.json"), "utf8"),
) as RequiredActions;
const preview = await readPolicy("preview-role-policy.json");
const deploy = await readPolicy("deploy-role-policy.json");
const previewTrust = await readPolicy("preview-role-trust.json");
const deployTrust = await readPolicy("deploy-role-trust.json");

const policy = (...Action: string[]): PolicyJson => ({
  Version: "2012-10-17",
  Statement: [{ Sid: "Probe", Effect: "Allow", Action, Resource: ["*"] }],
});

describe("the checks themselves", () => {
  it.each([
    ["dynamodb:Scan", "dynamodb:Scan"],
    ["dynamodb:*", "dynamodb:GetItem"],
    ["logs:Get*", "logs:GetLogEvents"],
    ["states:*Execution*", "states:GetExecutionHistory"],
    ["*", "s3:GetObject"],
    ["DynamoDB:query", "dynamodb:Query"],
  ])("finds %s granting %s", (pattern, action) => {
    expect(actionMatches(pattern, action)).toBe(true);
    expect(dataPlaneGrants(policy(pattern))).toContain(`Probe: ${pattern} allows ${action}`);
  });

  it("finds an Allow with NotAction, which grants everything it does not name", () => {
    const inverted: PolicyJson = {
      Version: "2012-10-17",
      Statement: [{ Sid: "AllButIam", Effect: "Allow", NotAction: ["iam:*"], Resource: ["*"] }],
    };
    expect(dataPlaneGrants(inverted)).toEqual([
      "AllButIam: Allow with NotAction grants everything it does not name",
    ]);
  });

  it("does not take control-plane reads for data, nor a prefix for a match", () => {
    expect(
      dataPlaneGrants(
        policy("dynamodb:DescribeTable", "states:DescribeStateMachine", "logs:DescribeLogGroups"),
      ),
    ).toEqual([]);
    expect(actionMatches("dynamodb:Get", "dynamodb:GetItem")).toBe(false);
    expect(
      missingActions(policy("states:Describe*"), [
        "states:DescribeStateMachine",
        "states:UpdateStateMachine",
      ]),
    ).toEqual(["states:UpdateStateMachine"]);
  });
});

describe("the preview role (pull-request code runs with it)", () => {
  it("grants no data-plane action: no item, query, scan, execution history, log event or object read", () => {
    expect(preview.Statement.length).toBeGreaterThan(5);
    expect(dataPlaneGrants(preview)).toEqual([]);
  });

  it("only describes, gets, lists and validates", () => {
    expect(nonReadActions(preview)).toEqual([]);
  });

  it("allows what a preview calls: the alias lookup, the network lookups, the definition check", () => {
    expect(missingActions(preview, required.preview)).toEqual([]);
  });

  it("is trusted by this repository's pull requests only", () => {
    const [statement, ...rest] = previewTrust.Statement;
    expect(rest).toEqual([]);
    expect(statement?.Action).toEqual(["sts:AssumeRoleWithWebIdentity"]);
    expect(statement?.Condition).toEqual({
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": `repo:\${Repository}:pull_request`,
      },
    });
  });
});

describe("the deploy role (a job in the stack's GitHub Environment)", () => {
  it.each(Object.entries(required.resources))("allows what a %s needs", (_type, actions) => {
    expect(missingActions(deploy, actions)).toEqual([]);
  });

  it.each(Object.entries({ ...required.invokes, ...required.commands }))(
    "allows what %s calls",
    (_call, actions) => {
      expect(missingActions(deploy, actions)).toEqual([]);
    },
  );

  it("allows the definition check the AWS provider runs while planning a definition change", () => {
    expect(required.resources["aws:sfn/stateMachine:StateMachine"]).toContain(
      "states:ValidateStateMachineDefinition",
    );
    expect(missingActions(deploy, ["states:ValidateStateMachineDefinition"])).toEqual([]);
  });

  it("is trusted only by jobs running in the stack's GitHub Environment", () => {
    const [statement] = deployTrust.Statement;
    expect(deployTrust.Statement).toHaveLength(1);
    expect(statement?.Condition?.StringEquals?.["token.actions.githubusercontent.com:sub"]).toBe(
      `repo:\${Repository}:environment:\${Stack}`,
    );
  });
});

describe.each([
  ["preview-role-policy.json", preview],
  ["deploy-role-policy.json", deploy],
])("%s", (_file, document) => {
  it("names every action (no * in an action) and uses Resource * only where AWS documents no resource type", () => {
    const actions = document.Statement.flatMap((s) =>
      typeof s.Action === "string" ? [s.Action] : (s.Action ?? []),
    );
    expect(actions.filter((a) => a.includes("*"))).toEqual([]);
    expect(undocumentedWildcards(document)).toEqual([]);
  });

  it("keeps every other resource inside the stack's own names or its account and region", () => {
    const resources = document.Statement.flatMap((s) =>
      typeof s.Resource === "string" ? [s.Resource] : (s.Resource ?? []),
    ).filter((r) => r !== "*");
    for (const resource of resources) expect(resource).toMatch(/\$\{(AccountId|Region)\}/);
  });
});
