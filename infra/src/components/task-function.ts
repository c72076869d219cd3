import type { FunctionManifest, TableName } from "@orderflow/domain";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LAMBDA_HANDLER } from "../code";
import { policyJson, type StatementInput } from "../iam/policy-document";
import { LAMBDA_ARCHITECTURE, LAMBDA_RUNTIME } from "../platform";
import { functionStatements, type TableRef } from "./function-statements";
import { manifestEnvironment } from "./manifest-environment";
import { serviceRole } from "./service-role";

export interface TaskFunctionArgs {
  /**
   * What the function needs, from its package. Plain data rather than an Input: its shape decides which
   * resources and permissions exist, and that must be known before anything is deployed.
   */
  readonly manifest: FunctionManifest;
  /** The bundled handler package (`dist/` with `handler.mjs`), usually from `lambdaCode`. */
  readonly code: pulumi.Input<pulumi.asset.Archive>;
  /** Physical function name; the log group is `/aws/lambda/<name>`. */
  readonly functionName: pulumi.Input<string>;
  /**
   * Every deployed table; the function receives names and permissions only for those its manifest declares.
   * Plain keys (the manifest's tables must be among them before anything deploys).
   */
  readonly tables: Readonly<Partial<Record<TableName, TableRef>>>;
  /**
   * Values for the manifest's env vars (config overrides, program wiring); each wins over the manifest
   * default. Plain keys: a variable the manifest does not declare fails before anything deploys.
   * @default {}
   */
  readonly environment?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Concurrent executions reserved for (and limited to) this function. Lambda keeps 100 of the account's
   * quota unreserved, so reservations need a quota of their sum plus 100 (`orderflow preflight`).
   * @default none: the function shares the account's unreserved pool
   */
  readonly reservedConcurrency?: pulumi.Input<number>;
  /** Retention of the function's log group, in days. */
  readonly logRetentionDays: pulumi.Input<number>;
  /**
   * Lowest application log level Lambda passes on.
   * @default "INFO"
   */
  readonly logLevel?: pulumi.Input<string>;
  /**
   * Permissions beyond the manifest's tables, granted by the program (e.g. starting the workflow).
   * @default []
   */
  readonly additionalStatements?: readonly StatementInput[];
}

/**
 * One Lambda function from its manifest: its own log group with retention, its own role (named like the
 * function) whose policy is derived from the manifest (exact actions on exact ARNs), JSON logs, X-Ray,
 * reserved concurrency when configured and a published version per deploy.
 *
 * @example
 * ```ts
 * const validate = new TaskFunction("validate-order", {
 *   manifest: task,
 *   code: lambdaCode("@orderflow/task-validate-order/task"),
 *   functionName: "orderflow-prod-validate-order",
 *   tables,
 *   reservedConcurrency: 20,
 *   logRetentionDays: 365,
 * }, { providers: [provider] });
 * // The workflow invokes validate.versionArn.
 * ```
 */
export class TaskFunction extends pulumi.ComponentResource {
  /** Unqualified function ARN (for alarms and IAM). */
  readonly arn: pulumi.Output<string>;
  /** ARN of the version this deploy published; the workflow invokes exactly this. */
  readonly versionArn: pulumi.Output<string>;
  /** For API Gateway integrations. */
  readonly invokeArn: pulumi.Output<string>;
  readonly functionName: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  /** The manifest's name (`api`, `validate-order`): what alarms and config call the function. */
  readonly manifestName: string;

  constructor(name: string, args: TaskFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("orderflow:task:TaskFunction", name, {}, opts);
    // Fails on a wiring mistake before any resource is declared.
    const environment = environmentFor(args.manifest, args);

    const logGroup = this.logGroup(name, args);
    const { role, policy } = this.role(name, args, logGroup);
    const fn = this.lambdaFunction(name, args, { environment, role, policy, logGroup });

    this.arn = fn.arn;
    this.versionArn = fn.qualifiedArn;
    this.invokeArn = fn.invokeArn;
    this.functionName = fn.name;
    this.roleArn = role.arn;
    this.logGroupName = logGroup.name;
    this.manifestName = args.manifest.name;
    this.registerOutputs({ arn: this.arn, versionArn: this.versionArn, roleArn: this.roleArn });
  }

  private logGroup(name: string, args: TaskFunctionArgs): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: pulumi.interpolate`/aws/lambda/${args.functionName}`, retentionInDays: args.logRetentionDays },
      { parent: this },
    );
  }

  /** The function's own role: its manifest's tables, its log group, traces, and what the program adds. */
  private role(name: string, args: TaskFunctionArgs, logGroup: aws.cloudwatch.LogGroup) {
    const role = serviceRole(
      `${name}-role`,
      {
        roleName: args.functionName,
        service: "lambda.amazonaws.com",
        description: `Runs the ${args.manifest.name} function`,
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.id,
        policy: policyJson([
          ...functionStatements(args.manifest, args.tables, logGroup.arn),
          ...(args.additionalStatements ?? []),
        ]),
      },
      { parent: this },
    );
    return { role, policy };
  }

  private lambdaFunction(
    name: string,
    args: TaskFunctionArgs,
    parts: {
      readonly environment: Record<string, pulumi.Input<string>>;
      readonly role: aws.iam.Role;
      readonly policy: aws.iam.RolePolicy;
      readonly logGroup: aws.cloudwatch.LogGroup;
    },
  ): aws.lambda.Function {
    const { manifest } = args;
    return new aws.lambda.Function(
      `${name}-function`,
      {
        name: args.functionName,
        description: manifest.description,
        runtime: LAMBDA_RUNTIME,
        architectures: [LAMBDA_ARCHITECTURE],
        handler: LAMBDA_HANDLER,
        code: args.code,
        memorySize: manifest.memoryMb,
        timeout: manifest.timeoutSeconds,
        role: parts.role.arn,
        publish: true,
        ...(args.reservedConcurrency !== undefined && {
          reservedConcurrentExecutions: args.reservedConcurrency,
        }),
        tracingConfig: { mode: "Active" },
        loggingConfig: {
          logFormat: "JSON",
          logGroup: parts.logGroup.name,
          applicationLogLevel: args.logLevel ?? "INFO",
          systemLogLevel: "WARN",
        },
        environment: { variables: parts.environment },
      },
      // The role must be allowed to write logs before the first invocation, not eventually.
      { parent: this, dependsOn: [parts.policy, parts.logGroup] },
    );
  }
}

/** The manifest's environment, plus what every bundle needs from Lambda itself. */
function environmentFor(
  manifest: FunctionManifest,
  args: TaskFunctionArgs,
): Record<string, pulumi.Input<string>> {
  return {
    // The bundles ship source maps; without this flag stack traces point into minified code.
    NODE_OPTIONS: "--enable-source-maps",
    POWERTOOLS_SERVICE_NAME: manifest.name,
    ...manifestEnvironment(manifest, args.tables, args.environment),
  };
}
