/**
 * Checks of the CI roles' IAM policies (infra/iam/*.json): a preview runs pull-request code, so its role
 * may read how the stack is configured but never what the stack holds (orders, execution histories, logs).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { REPO_ROOT } from "./repo";

/** The folder of the role policies and their trust policies. */
export const IAM_DIR = "infra/iam";

/**
 * Reads of what the stack holds, or runs its code: customer orders and payments (DynamoDB), execution
 * input, output and history (Step Functions), log lines (CloudWatch Logs), object contents, secrets, keys.
 */
export const DATA_PLANE_ACTIONS = [
  "dynamodb:BatchGetItem",
  "dynamodb:ExportTableToPointInTime",
  "dynamodb:GetItem",
  "dynamodb:GetRecords",
  "dynamodb:GetShardIterator",
  "dynamodb:PartiQLSelect",
  "dynamodb:Query",
  "dynamodb:Scan",
  "states:DescribeExecution",
  "states:DescribeMapRun",
  "states:GetActivityTask",
  "states:GetExecutionHistory",
  "states:ListExecutions",
  "states:StartExecution",
  "logs:FilterLogEvents",
  "logs:GetLogEvents",
  "logs:GetLogRecord",
  "logs:GetQueryResults",
  "logs:StartLiveTail",
  "logs:StartQuery",
  "logs:Unmask",
  "s3:GetObject",
  "s3:GetObjectVersion",
  "kms:Decrypt",
  "lambda:InvokeFunction",
  "lambda:GetFunction",
  "secretsmanager:GetSecretValue",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ecr:BatchGetImage",
  "ecr:GetDownloadUrlForLayer",
] as const;

export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Principal?: unknown;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface PolicyJson {
  readonly Version: string;
  readonly Statement: readonly PolicyStatementJson[];
}

/** One of the JSON files in infra/iam, parsed. */
export async function readPolicy(file: string, root = REPO_ROOT): Promise<PolicyJson> {
  return JSON.parse(await readFile(join(root, IAM_DIR, file), "utf8")) as PolicyJson;
}

function list(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === "string" ? [value] : [...value];
}

/** Whether an IAM action pattern (`dynamodb:Get*`, `*`) covers an action; IAM matches case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "i").test(action);
}

/** Every Allow statement's action patterns, labelled by the statement. */
function allows(policy: PolicyJson): { label: string; action: string }[] {
  return policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s, index) =>
    list(s.Action).map((action) => ({ label: s.Sid ?? `statement ${index}`, action })),
  );
}

/** Each data-plane action an Allow grants (directly or through a wildcard), and every Allow NotAction. */
export function dataPlaneGrants(policy: PolicyJson): string[] {
  const grants = allows(policy).flatMap(({ label, action }) =>
    DATA_PLANE_ACTIONS.filter((data) => actionMatches(action, data)).map(
      (data) => `${label}: ${action} allows ${data}`,
    ),
  );
  const inverted = policy.Statement.filter((s) => s.Effect === "Allow" && s.NotAction !== undefined).map(
    (s) => `${s.Sid ?? "a statement"}: Allow with NotAction grants everything it does not name`,
  );
  return [...grants, ...inverted];
}

/** The required actions no Allow statement grants. */
export function missingActions(policy: PolicyJson, required: readonly string[]): string[] {
  const granted = allows(policy).map((a) => a.action);
  return [...new Set(required)].filter(
    (action) => !granted.some((pattern) => actionMatches(pattern, action)),
  );
}

/** Actions that are not reads by their name (Describe, Get, List, Validate). */
export function nonReadActions(policy: PolicyJson): string[] {
  return allows(policy)
    .map((a) => a.action)
    .filter(
      (action) =>
        !/^[a-z0-9-]+:(Describe|Get|List|Validate)[A-Za-z]*$/.test(action) && action !== "apigateway:GET",
    );
}

/** Allow statements with Resource `*` whose Sid does not say the action has no resource type. */
export function undocumentedWildcards(policy: PolicyJson): string[] {
  return policy.Statement.filter((s) => s.Effect === "Allow" && list(s.Resource).includes("*"))
    .filter((s) => !s.Sid?.endsWith("NoResourceType"))
    .map((s) => s.Sid ?? "a statement");
}
