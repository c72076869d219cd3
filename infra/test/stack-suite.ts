/**
 * What every stack must satisfy, run once per stack and variant (one test file per stack). Each run
 * synthesizes afresh under its own mocks and config (`installMocks`), so nothing crosses from one stack to
 * the next when the files share a worker. Expectations come from the manifests, the domain specs and the
 * stack file, never from the program under test.
 */

import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  type ContainerTaskManifest,
  type FunctionManifest,
  TABLE_NAMES,
  TABLES,
  type TaskManifest,
  tableEnvVar,
} from "@orderflow/domain";
import { NOTIFY_RULE_PATTERN, task as notifyFunction } from "@orderflow/task-notify-customer/task";
import { checkWorkflowRules } from "@orderflow/workflow";
import { beforeAll, describe, expect, it } from "vitest";
import { failStateEnteredPattern, STUCK_STATES, UNEXPECTED_ERROR_PATTERN } from "../src/alarm-signals";
import type { FunctionConfig } from "../src/config/schema";
import { validateStackConfig } from "../src/config/validate";
import { deployedFunctions, SERVICE_FUNCTIONS } from "../src/deployed-functions";
import { exceptionFor, parsePolicyDocument, wildcardFindings } from "../src/iam/wildcards";
import { lambdaTaskStates, serviceTaskStates } from "../src/policy/asl-reader";
import { readPackConfig, runPolicies } from "../src/policy/offline";
import { policies } from "../src/policy/policies";
import { RESOURCE_TYPES as T } from "../src/policy/resource-types";
import type { CapturedResource } from "../src/synth/mocks";
import type { StackName } from "../src/synth/stack-file";
import type { SynthRun } from "../src/synth/synthesize";
import { containerSuite } from "./container-suite";
import { DEFAULT_VARIANT, type Variant } from "./container-variant";
import {
  documentOf,
  named,
  ofType,
  POLICY_PACK_DIR,
  REPO_ROOT,
  REQUIRED_ACTIONS,
  stackFile,
  stringState,
  synthStack,
} from "./harness";
import { operationsSuite } from "./operations-suite";

/** Where the functions that are not workflow tasks keep their code. */
const OWN_PACKAGE_DIRS: Readonly<Record<string, string>> = {
  api: "packages/api",
  outbox: "packages/outbox",
  reconciler: "packages/reconciler",
};

/** What a suite knows about the stack under test, for the shared and the container-specific checks. */
export interface SuiteContext {
  readonly stack: StackName;
  readonly prefix: string;
  readonly settings: ReturnType<typeof validateStackConfig>["settings"];
  readonly region: string;
  readonly containers: readonly ContainerTaskManifest[];
  readonly run: () => SynthRun;
}

export function stackSuite(stack: StackName, variant: Variant = DEFAULT_VARIANT): void {
  const file = stackFile(stack);
  const lambdaTasks = variant.tasks.filter(
    (t): t is Extract<TaskManifest, { kind: "lambda" }> => t.kind === "lambda",
  );
  const containers = variant.tasks.filter((t): t is ContainerTaskManifest => t.kind === "container");
  const FUNCTIONS: readonly FunctionManifest[] = [...lambdaTasks, ...SERVICE_FUNCTIONS];
  const { settings, region } = validateStackConfig(deployedFunctions(variant.tasks), stack, {
    values: file.config,
    isSecret: (key) => file.secretKeys.includes(key),
  });
  const prefix = `${file.project}-${stack}-`;
  const stripe = settings.paymentGateway === "stripe";
  const PAYMENT_FUNCTIONS = FUNCTIONS.filter((m) => "PAYMENT_GATEWAY" in m.env).map((m) => m.name);
  let run: SynthRun;

  const functionResource = (name: string) => named(run, T.function, `${name}-function`);
  const tableArn = (table: string) => stringState(named(run, T.table, `tables-${table}`), "arn");

  describe(`${stack} (${variant.label})`, () => {
    beforeAll(async () => {
      run = await synthStack(stack, variant);
    }, 60_000);

    describe(`${stack}: inventory`, () => {
      it("declares exactly the expected resources by type", () => {
        // Prepare
        const n = FUNCTIONS.length;
        const c = containers.length;
        const defaultVpc = settings.containerSubnetIds === undefined ? c : 0;
        const subscriptions = (settings.alarmEmail ? 1 : 0) + (settings.alarmWebhookUrl ? 1 : 0);
        const expected: Record<string, number> = {
          [T.awsProvider]: 1,
          "orderflow:data:Tables": 1,
          [T.table]: TABLE_NAMES.length,
          "aws:cloudwatch/eventBus:EventBus": 1,
          "orderflow:events:OrderEventPublishers": 1,
          [T.eventBusPolicy]: 1,
          ...(stripe && { [T.ssmParameter]: 1 }),
          "orderflow:events:OrderOutbox": 1,
          // The outbox's dead letters and the notifications'.
          [T.queue]: 2,
          [T.eventSourceMapping]: 1,
          "orderflow:operations:Reconciler": 1,
          [T.schedule]: 1,
          "orderflow:task:TaskFunction": n,
          [T.function]: n,
          // Each function's, the state machine's, each container's task and execution roles, the schedule's.
          [T.role]: n + 1 + 2 * c + 1,
          [T.rolePolicy]: n + 1 + 2 * c + 1,
          [T.logGroup]: n + 2 + c,
          ...(c > 0 && {
            "orderflow:task:ContainerTask": c,
            [T.awsxRepository]: c,
            [T.awsxImage]: c,
            [T.awsxTaskDefinition]: c,
            [T.ecsCluster]: c,
            [T.securityGroup]: c,
          }),
          ...(defaultVpc > 0 && { "awsx:ec2:DefaultVpc": defaultVpc }),
          "orderflow:workflow:OrderWorkflow": 1,
          [T.stateMachine]: 1,
          [T.stateMachineAlias]: 1,
          "orderflow:api:OrdersApi": 1,
          [T.api]: 1,
          "aws:apigatewayv2/integration:Integration": 1,
          [T.route]: 3,
          [T.stage]: 1,
          // Three for the API's routes, one for the notification rule.
          [T.permission]: 4,
          ...(settings.apiAuth.type === "jwt" && { "aws:apigatewayv2/authorizer:Authorizer": 1 }),
          "orderflow:notify:CustomerNotifications": 1,
          "aws:sqs/queuePolicy:QueuePolicy": 1,
          "aws:cloudwatch/eventRule:EventRule": 1,
          "aws:cloudwatch/eventTarget:EventTarget": 1,
          "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": 1,
          "orderflow:observability:Alarms": 1,
          [T.kmsKey]: 1,
          [T.topic]: 1,
          [T.topicPolicy]: 1,
          ...(subscriptions > 0 && { "aws:sns/topicSubscription:TopicSubscription": subscriptions }),
          // Workflow: unusual failures, timed out, throttled, two stuck states; each function: unexpected
          // errors and throttles; each container: unexpected errors; API 5xx; each dead-letter queue.
          [T.metricAlarm]: 3 + STUCK_STATES.length + 2 * n + c + 1 + 2,
          [T.logMetricFilter]: STUCK_STATES.length + n + c,
        };

        // Act
        const counts: Record<string, number> = {};
        for (const r of run.captured) counts[r.type] = (counts[r.type] ?? 0) + 1;

        // Assess
        expect(counts).toEqual(expected);
      });

      it("registers every AWS resource with the explicit provider and every child under its component", () => {
        const custom = run.captured.filter((r) => r.custom && r.type !== T.awsProvider);
        const remote = run.captured.filter((r) => !r.custom && !r.type.startsWith("orderflow:"));
        for (const r of remote) expect(r.parent, r.name).toMatch(/^orderflow:task:ContainerTask::/);
        expect(custom.length).toBeGreaterThan(30);
        for (const r of custom) expect(r.provider, r.name).toMatch(/pulumi:providers:aws::aws::/);
        const topLevel = run.captured.filter((r) => r.parent === null).map((r) => r.type);
        expect(topLevel.filter((t) => !t.startsWith("orderflow:")).sort()).toEqual(
          ["aws:cloudwatch/eventBus:EventBus", T.awsProvider, ...(stripe ? [T.ssmParameter] : [])].sort(),
        );
      });
    });

    describe(`${stack}: functions`, () => {
      it("runs every function on nodejs24.x/arm64 with the manifest's memory and timeout, JSON logs and tracing", () => {
        for (const manifest of FUNCTIONS) {
          const { inputs } = functionResource(manifest.name);
          expect(inputs).toMatchObject({
            name: `${prefix}${manifest.name}`,
            runtime: "nodejs24.x",
            architectures: ["arm64"],
            handler: "handler.handler",
            memorySize: manifest.memoryMb,
            timeout: manifest.timeoutSeconds,
            publish: true,
            tracingConfig: { mode: "Active" },
            loggingConfig: { logFormat: "JSON", logGroup: `/aws/lambda/${prefix}${manifest.name}` },
          });
          // Reserved only where configured: none at all in dev, so a new account's low quota suffices.
          const own: FunctionConfig | undefined = settings.functions[manifest.name];
          expect(inputs.reservedConcurrentExecutions).toBe(
            own?.reservedConcurrency ?? settings.reservedConcurrency,
          );
          if (stack === "dev") expect(inputs).not.toHaveProperty("reservedConcurrentExecutions");
        }
      });

      it("deploys each package's built handler bundle and nothing else from its dist/", async () => {
        for (const manifest of FUNCTIONS) {
          const code = functionResource(manifest.name).inputs.code as {
            assets: Promise<Record<string, { path: Promise<string> }>>;
          };
          const assets = await code.assets;
          const dir = `${OWN_PACKAGE_DIRS[manifest.name] ?? `packages/tasks/${manifest.name}`}/dist`;
          const chunks = existsSync(join(REPO_ROOT, dir, "chunks"))
            ? readdirSync(join(REPO_ROOT, dir, "chunks")).map((file) => `chunks/${file}`)
            : [];
          expect(Object.keys(assets).sort()).toEqual(["handler.mjs", "handler.mjs.map", ...chunks].sort());
          expect(await assets["handler.mjs"]?.path).toMatch(new RegExp(`${dir}/handler.mjs$`));
          // The payment functions load the Stripe SDK lazily, from a chunk of their own.
          if (PAYMENT_FUNCTIONS.includes(manifest.name))
            expect(chunks.some((c) => /^chunks\/stripe-connect-\w+\.mjs$/.test(c))).toBe(true);
        }
      });

      it("gives each function its tables' names and its manifest's environment (config over defaults)", () => {
        for (const manifest of FUNCTIONS) {
          const variables = functionResource(manifest.name).inputs.environment as {
            variables: Record<string, string>;
          };
          const own = settings.functions[manifest.name];
          for (const table of Object.keys(manifest.tables)) {
            expect(variables.variables[tableEnvVar(table as never)]).toBe(`${prefix}${table}`);
          }
          for (const [name, spec] of Object.entries(manifest.env)) {
            if (name === "PAYMENT_GATEWAY") continue;
            const expected = own?.env?.[name] ?? spec.default;
            if (expected !== undefined) expect(variables.variables[name]).toBe(expected);
          }
        }
        for (const name of PAYMENT_FUNCTIONS) {
          const variables = (
            functionResource(name).inputs.environment as { variables: Record<string, string> }
          ).variables;
          expect(variables.PAYMENT_GATEWAY).toBe(settings.paymentGateway);
          expect(variables.STRIPE_SECRET_KEY_PARAMETER_NAME).toBe(
            stripe ? `/${file.project}/${stack}/stripe-secret-key` : undefined,
          );
        }
        const api = functionResource("api").inputs.environment as { variables: Record<string, string> };
        expect(api.variables.STATE_MACHINE_ARN).toBe(
          stringState(named(run, T.stateMachineAlias, "order-workflow-alias"), "arn"),
        );
      });

      it("logs each function to its own group with the configured retention and level", () => {
        for (const manifest of FUNCTIONS) {
          const group = named(run, T.logGroup, `${manifest.name}-logs`);
          expect(group.inputs).toEqual({
            name: `/aws/lambda/${prefix}${manifest.name}`,
            retentionInDays: settings.logRetentionDays,
          });
          expect(functionResource(manifest.name).inputs.loggingConfig).toMatchObject({
            applicationLogLevel: settings.logLevel,
          });
        }
      });
    });

    describe(`${stack}: state machine`, () => {
      it("is STANDARD, published behind the live alias, traced, and logs ALL with execution data as configured", () => {
        const machine = named(run, T.stateMachine, "order-workflow-state-machine");
        const alias = named(run, T.stateMachineAlias, "order-workflow-alias");
        const logs = named(run, T.logGroup, "order-workflow-logs");
        expect(machine.inputs).toMatchObject({
          name: `${prefix}orders`,
          type: "STANDARD",
          publish: true,
          tracingConfiguration: { enabled: true },
          loggingConfiguration: {
            level: "ALL",
            includeExecutionData: settings.workflowIncludeExecutionData,
            logDestination: `${stringState(logs, "arn")}:*`,
          },
        });
        // A first deploy (the mocks have no alias yet): everything on the version it published.
        expect(alias.inputs.routingConfigurations).toEqual([
          { stateMachineVersionArn: stringState(machine, "stateMachineVersionArn"), weight: 100 },
        ]);
        expect(alias.inputs.description).toBe("Every new execution runs version 1");
        expect(logs.inputs.retentionInDays).toBe(settings.logRetentionDays);
      });

      it("invokes exactly the deployed functions' published versions and passes the workflow rules", () => {
        const definition = run.document.stateMachineDefinition;
        const invoked = lambdaTaskStates(definition)
          .map((t) => t.functionArn)
          .sort();
        const deployed = lambdaTasks.map((m) => stringState(functionResource(m.name), "qualifiedArn")).sort();
        expect(invoked).toEqual(deployed);
        expect(
          checkWorkflowRules(definition as Parameters<typeof checkWorkflowRules>[0], {
            tasks: variant.tasks,
          }),
        ).toEqual([]);
      });

      it("gives every Lambda state a TimeoutSeconds above its function's timeout", () => {
        const states = new Map(
          lambdaTaskStates(run.document.stateMachineDefinition).map((t) => [t.state, t]),
        );
        expect(states.size).toBe(lambdaTasks.length);
        for (const manifest of lambdaTasks) {
          const timeout = functionResource(manifest.name).inputs.timeout as number;
          const state = states.get(manifest.stateName);
          // Lambda's init phase (up to 10 s) runs before the function's own timeout starts counting.
          expect(state?.timeoutSeconds).toBeGreaterThanOrEqual(timeout + 10);
        }
      });

      it("writes status only to the orders table and reads only shipments, publishing nothing itself, as its role allows", () => {
        const integrations = serviceTaskStates(run.document.stateMachineDefinition);
        const targets = new Set(
          integrations.flatMap((t) => t.resourceSuffixes.map((s) => `${t.iamAction} ${s}`)),
        );
        // Events leave through the orders table's outbox, never from a state of the workflow.
        expect([...targets].sort()).toEqual([
          `dynamodb:GetItem :table/${prefix}shipments`,
          `dynamodb:UpdateItem :table/${prefix}orders`,
        ]);
        const role = documentOf(named(run, T.rolePolicy, "order-workflow-policy"));
        for (const target of targets) {
          const [action, suffix] = target.split(" ") as [string, string];
          const allowed = role.Statement.some(
            (s) => s.Action.includes(action) && s.Resource.some((r) => r.endsWith(suffix)),
          );
          expect(allowed, target).toBe(true);
        }
      });
    });

    describe(`${stack}: IAM`, () => {
      const identityPolicies = () => ofType(run, T.rolePolicy);

      it("has no * in any Allow action or resource beyond the documented AWS exceptions", () => {
        const used = new Set<string>();
        const documents: [CapturedResource, "identity" | "key-policy", string][] = [
          ...identityPolicies().map(
            (r) => [r, "identity", "policy"] as [CapturedResource, "identity", string],
          ),
          ...ofType(run, T.role).map(
            (r) => [r, "identity", "assumeRolePolicy"] as [CapturedResource, "identity", string],
          ),
          ...ofType(run, T.kmsKey).map(
            (r) => [r, "key-policy", "policy"] as [CapturedResource, "key-policy", string],
          ),
        ];
        expect(documents.length).toBe(2 * (FUNCTIONS.length + 1 + 2 * containers.length + 1) + 1);
        for (const [resource, kind, input] of documents) {
          const document = documentOf(resource, input);
          expect(wildcardFindings(document, kind), resource.name).toEqual([]);
          for (const s of document.Statement) {
            for (const r of s.Resource)
              if (r.includes("*")) used.add(exceptionFor(s.Action, r, kind)?.id ?? "?");
          }
        }
        const containerExceptions = [
          "ecr-authorization-token",
          "ecs-task-definition-revisions",
          "task-token-calls",
        ];
        expect([...used].sort()).toEqual(
          [
            "kms-key-policy-self",
            "own-executions",
            "own-log-streams",
            "step-functions-log-delivery",
            "workflow-function-versions",
            "xray-write",
            ...(containers.length > 0 ? containerExceptions : []),
          ].sort(),
        );
      });

      it("lets the state machine invoke only the workflow's functions, update only the orders table, read only shipments, publish nothing", () => {
        const document = documentOf(named(run, T.rolePolicy, "order-workflow-policy"));
        const allowed = (action: string) =>
          document.Statement.filter((s) => s.Effect === "Allow" && s.Action.includes(action)).flatMap(
            (s) => s.Resource,
          );
        const workflowFunctions = lambdaTasks.map((m) => `${stringState(functionResource(m.name), "arn")}:*`);
        expect(allowed("lambda:InvokeFunction").sort()).toEqual(workflowFunctions.sort());
        expect(allowed("lambda:InvokeFunction")).not.toContain(
          `${stringState(functionResource("api"), "arn")}:*`,
        );
        expect(allowed("dynamodb:UpdateItem")).toEqual([tableArn("orders")]);
        expect(allowed("dynamodb:GetItem")).toEqual([tableArn("shipments")]);
        expect(allowed("events:PutEvents")).toEqual([]);
        const actions = document.Statement.flatMap((s) => s.Action);
        expect(actions.filter((a) => a.startsWith("dynamodb:") || a.startsWith("states:")).sort()).toEqual([
          "dynamodb:GetItem",
          "dynamodb:UpdateItem",
        ]);
        expect(actions.filter((a) => a.startsWith("ecs:") || a.startsWith("iam:"))).toEqual(
          containers.length > 0 ? [...containers.map(() => "ecs:RunTask"), "iam:PassRole"] : [],
        );
      });

      it("names every statement of a policy with its own id, as IAM requires", () => {
        const documents = [...identityPolicies(), ...ofType(run, T.kmsKey), ...ofType(run, T.topicPolicy)];
        expect(documents.length).toBeGreaterThan(FUNCTIONS.length);
        for (const resource of documents) {
          const sids = documentOf(resource).Statement.map((s) => s.Sid);
          expect(new Set(sids).size, resource.name).toBe(sids.length);
          expect(sids, resource.name).not.toContain(undefined);
        }
      });

      it("grants each function exactly its manifest's DynamoDB actions on exactly its tables", () => {
        for (const manifest of FUNCTIONS) {
          const document = documentOf(named(run, T.rolePolicy, `${manifest.name}-policy`));
          // Table grants only: the outbox's stream read is its own statement (checked with the outbox).
          const granted = document.Statement.filter(
            (s) =>
              s.Action.some((a) => a.startsWith("dynamodb:")) &&
              !s.Resource.some((r) => r.includes("/stream/")),
          );
          const expected = Object.entries(manifest.tables).flatMap(([table, actions]) => {
            const base = { Action: (actions ?? []).map((a) => `dynamodb:${a}`), Resource: [tableArn(table)] };
            const indexes = TABLES[table as keyof typeof TABLES].indexes;
            const query = actions?.includes("Query") && indexes.length > 0;
            return query
              ? [
                  base,
                  {
                    Action: ["dynamodb:Query"],
                    Resource: indexes.map((i) => `${tableArn(table)}/index/${i.name}`),
                  },
                ]
              : [base];
          });
          expect(granted.map(({ Action, Resource }) => ({ Action, Resource }))).toEqual(
            expect.arrayContaining(expected),
          );
          expect(granted).toHaveLength(expected.length);
        }
      });

      it("lets exactly the payment functions read the Stripe key's SecureString parameter, and nothing else of SSM", () => {
        const readers = identityPolicies().filter((r) =>
          documentOf(r).Statement.some((s) =>
            s.Action.some((a) => a.startsWith("ssm:") || a.startsWith("kms:Decrypt")),
          ),
        );
        if (!stripe) {
          expect(readers).toEqual([]);
          return;
        }
        const parameter = named(run, T.ssmParameter, "stripe-secret-key");
        expect(parameter.inputs).toMatchObject({
          type: "SecureString",
          name: `/${file.project}/${stack}/stripe-secret-key`,
        });
        expect(parameter.inputs).not.toHaveProperty("keyId");
        expect(readers.map((r) => r.name).sort()).toEqual(PAYMENT_FUNCTIONS.map((n) => `${n}-policy`).sort());
        for (const reader of readers) {
          const statements = documentOf(reader).Statement.filter((s) =>
            s.Action.some((a) => a.startsWith("ssm:")),
          );
          expect(statements).toEqual([
            {
              Sid: "ReadStripeSecretKey",
              Effect: "Allow",
              Action: ["ssm:GetParameter"],
              Resource: [stringState(parameter, "arn")],
            },
          ]);
        }
      });

      it("lets only the api function start the workflow, through its alias", () => {
        const starters = identityPolicies().filter((r) =>
          documentOf(r).Statement.some((s) => s.Action.includes("states:StartExecution")),
        );
        expect(starters.map((r) => r.name)).toEqual(["api-policy"]);
        const statement = documentOf(starters[0] as CapturedResource).Statement.find((s) =>
          s.Action.includes("states:StartExecution"),
        );
        expect(statement?.Resource).toEqual([
          stringState(named(run, T.stateMachineAlias, "order-workflow-alias"), "arn"),
        ]);
      });

      it("lets each role be assumed by its one service only, and names it after the stack", () => {
        for (const role of ofType(run, T.role)) {
          // The deploy role may create and pass only roles named like this (infra/iam/).
          expect(String(role.inputs.name)).toMatch(new RegExp(`^${prefix}[a-z-]+$`));
          const [statement, ...rest] = parsePolicyDocument(String(role.inputs.assumeRolePolicy)).Statement;
          expect(rest).toEqual([]);
          expect(statement?.Action).toEqual(["sts:AssumeRole"]);
          const service =
            role.name === "order-workflow-role"
              ? "states.amazonaws.com"
              : role.name === "reconciler-scheduler-role"
                ? "scheduler.amazonaws.com"
                : /-(task|execution)-role$/.test(role.name)
                  ? "ecs-tasks.amazonaws.com"
                  : "lambda.amazonaws.com";
          expect(statement?.Principal).toEqual({ Service: service });
        }
      });
    });

    describe(`${stack}: API`, () => {
      it("routes POST /orders, GET /orders and GET /orders/{id} to the api function with the configured authorization", () => {
        const routes = ofType(run, T.route);
        const integration = named(run, "aws:apigatewayv2/integration:Integration", "orders-api-integration");
        expect(routes.map((r) => r.inputs.routeKey).sort()).toEqual([
          "GET /orders",
          "GET /orders/{id}",
          "POST /orders",
        ]);
        expect(integration.inputs.integrationUri).toBe(stringState(functionResource("api"), "arn"));
        const expectedType = { iam: "AWS_IAM", jwt: "JWT", none: "NONE" }[settings.apiAuth.type];
        for (const route of routes) {
          expect(route.inputs.authorizationType).toBe(expectedType);
          if (stack !== "dev") expect(route.inputs.authorizationType).not.toBe("NONE");
        }
        if (settings.apiAuth.type === "jwt") {
          const authorizer = named(run, "aws:apigatewayv2/authorizer:Authorizer", "orders-api-jwt");
          expect(authorizer.inputs.jwtConfiguration).toEqual({
            issuer: settings.apiAuth.issuer,
            audiences: settings.apiAuth.audiences,
          });
          for (const route of routes) expect(route.inputs.authorizerId).toBe(authorizer.id);
          // Placing an order needs the write scope, reading the caller's orders the read scope.
          const scopes = Object.fromEntries(
            routes.map((r) => [r.inputs.routeKey, r.inputs.authorizationScopes]),
          );
          expect(scopes).toEqual({
            "POST /orders": ["orders:write"],
            "GET /orders": ["orders:read"],
            "GET /orders/{id}": ["orders:read"],
          });
        } else {
          for (const route of routes) expect(route.inputs).not.toHaveProperty("authorizationScopes");
        }
      });

      it("throttles, logs JSON access logs to its own group, and allows only the configured origins", () => {
        const stage = named(run, T.stage, "orders-api-stage");
        const api = named(run, T.api, "orders-api-api");
        const logs = named(run, T.logGroup, "orders-api-access-logs");
        expect(stage.inputs.defaultRouteSettings).toMatchObject({
          throttlingBurstLimit: settings.apiThrottle.burstLimit,
          throttlingRateLimit: settings.apiThrottle.rateLimit,
        });
        expect(stage.inputs.accessLogSettings).toMatchObject({ destinationArn: stringState(logs, "arn") });
        expect(
          JSON.parse(String((stage.inputs.accessLogSettings as { format: string }).format)),
        ).toHaveProperty("requestId");
        expect((api.inputs.corsConfiguration as { allowOrigins: string[] }).allowOrigins).toEqual(
          settings.corsAllowOrigins,
        );
        expect(logs.inputs.retentionInDays).toBe(settings.logRetentionDays);
      });

      it("lets API Gateway invoke the api function only from this API's routes", () => {
        const executionArn = stringState(named(run, T.api, "orders-api-api"), "executionArn");
        const permissions = ofType(run, T.permission)
          .map((p) => p.inputs)
          .filter((p) => p.principal === "apigateway.amazonaws.com");
        expect(permissions.map((p) => p.sourceArn).sort()).toEqual([
          `${executionArn}/*/GET/orders`,
          `${executionArn}/*/GET/orders/*`,
          `${executionArn}/*/POST/orders`,
        ]);
        for (const p of permissions) {
          expect(p).toMatchObject({
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            function: `${prefix}api`,
          });
        }
      });
    });

    describe(`${stack}: customer notifications`, () => {
      const rule = () => named(run, "aws:cloudwatch/eventRule:EventRule", "customer-notifications-rule");
      const queue = () => named(run, "aws:sqs/queue:Queue", "customer-notifications-dead-letters");

      it("invokes notify-customer for every order outcome on the order bus, dead-lettering what fails", () => {
        const target = named(run, "aws:cloudwatch/eventTarget:EventTarget", "customer-notifications-target");
        const retries = named(
          run,
          "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
          "customer-notifications-async",
        );
        const bus = stringState(named(run, "aws:cloudwatch/eventBus:EventBus", "order-events"), "name");
        expect(rule().inputs.eventBusName).toBe(bus);
        expect(JSON.parse(String(rule().inputs.eventPattern))).toEqual(NOTIFY_RULE_PATTERN);
        expect(target.inputs).toMatchObject({
          arn: stringState(functionResource(notifyFunction.name), "arn"),
          deadLetterConfig: { arn: stringState(queue(), "arn") },
        });
        expect(retries.inputs).toMatchObject({
          functionName: `${prefix}${notifyFunction.name}`,
          destinationConfig: { onFailure: { destination: stringState(queue(), "arn") } },
        });
        expect(queue().inputs.sqsManagedSseEnabled).toBe(true);
      });

      it("lets only the rule invoke the function and fill the queue", () => {
        const invokers = ofType(run, T.permission).filter(
          (p) => p.inputs.function === `${prefix}${notifyFunction.name}`,
        );
        const policy = documentOf(
          named(run, "aws:sqs/queuePolicy:QueuePolicy", "customer-notifications-dead-letters-policy"),
        );
        expect(invokers.map((p) => [p.inputs.principal, p.inputs.sourceArn])).toEqual([
          ["events.amazonaws.com", stringState(rule(), "arn")],
        ]);
        expect(policy.Statement).toEqual([
          expect.objectContaining({
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: ["sqs:SendMessage"],
            Resource: [stringState(queue(), "arn")],
            Condition: { ArnEquals: { "aws:SourceArn": stringState(rule(), "arn") } },
          }),
        ]);
      });

      it("sends mail as the configured sender on its SES identity only, and reads only the orders table", () => {
        const document = documentOf(named(run, T.rolePolicy, `${notifyFunction.name}-policy`));
        const variables = functionResource(notifyFunction.name).inputs.environment as {
          variables: Record<string, string>;
        };
        const grants = (action: string) =>
          document.Statement.filter((s) => s.Action.includes(action)).flatMap((s) => s.Resource);
        expect(variables.variables.MAIL_FROM).toBe(settings.mailSender.address);
        expect(grants("ses:SendEmail")).toEqual([
          `arn:aws:ses:${region}:123456789012:identity/${settings.mailSender.identity}`,
        ]);
        expect(grants("sqs:SendMessage")).toEqual([stringState(queue(), "arn")]);
        expect(document.Statement.flatMap((s) => s.Action).filter((a) => a.startsWith("dynamodb:"))).toEqual([
          "dynamodb:GetItem",
        ]);
      });

      it("pages when an event lands in the dead-letter queue", () => {
        const alarm = named(run, T.metricAlarm, `alarms-${notifyFunction.name}-dead-letters`);
        expect(alarm.inputs).toMatchObject({
          namespace: "AWS/SQS",
          metricName: "ApproximateNumberOfMessagesVisible",
          dimensions: { QueueName: stringState(queue(), "name") },
          statistic: "Maximum",
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
        });
      });
    });

    describe(`${stack}: data, events, alarms`, () => {
      it("reserves the order events' source on the bus to the outbox's role, their one publisher", () => {
        const bus = named(run, "aws:cloudwatch/eventBus:EventBus", "order-events");
        const policy = named(run, T.eventBusPolicy, "order-events-policy");
        const role = stringState(named(run, T.role, "outbox-role"), "arn");
        expect(policy.inputs.eventBusName).toBe(stringState(bus, "name"));
        expect(JSON.parse(String(policy.inputs.policy))).toEqual({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "OnlyOrderflowPublishesOrderEvents",
              Effect: "Deny",
              Principal: "*",
              Action: "events:PutEvents",
              Resource: stringState(bus, "arn"),
              Condition: {
                StringEquals: { "events:source": "orderflow.orders" },
                ArnNotEquals: { "aws:PrincipalArn": [role] },
              },
            },
          ],
        });
      });

      it("creates every table from its spec: on-demand, encrypted, PITR and deletion protection as configured", () => {
        for (const logical of TABLE_NAMES) {
          const spec = TABLES[logical];
          const table = named(run, T.table, `tables-${logical}`);
          expect(table.inputs).toMatchObject({
            name: `${prefix}${logical}`,
            billingMode: "PAY_PER_REQUEST",
            hashKey: spec.partitionKey.name,
            serverSideEncryption: { enabled: true },
            pointInTimeRecovery: { enabled: settings.pointInTimeRecovery },
            deletionProtectionEnabled: settings.deletionProtection,
          });
          const indexes = (table.inputs.globalSecondaryIndexes ?? []) as { name: string }[];
          expect(indexes.map((i) => i.name)).toEqual(spec.indexes.map((i) => i.name));
        }
      });

      it("alarms on unusual failure volume, timed-out and throttled executions, stuck sagas, unexpected errors, throttles and API 5xx", () => {
        const alarms = ofType(run, T.metricAlarm).map((a) => a.inputs);
        const filters = ofType(run, T.logMetricFilter).map((f) => f.inputs);
        const topicArn = stringState(named(run, T.topic, "alarms-topic"), "arn");
        const machineArn = stringState(named(run, T.stateMachine, "order-workflow-state-machine"), "arn");
        const namespace = `Orderflow/${prefix.slice(0, -1)}`;
        const metrics = alarms.map((a) => `${String(a.namespace)}/${String(a.metricName)}`);
        for (const m of ["ExecutionsTimedOut", "ExecutionThrottled"])
          expect(metrics).toContain(`AWS/States/${m}`);
        expect(metrics).toContain("AWS/ApiGateway/5xx");
        expect(metrics).not.toContain("AWS/States/ExecutionsFailed");
        expect(metrics).not.toContain("AWS/Lambda/Errors");
        const failureRate = alarms.find((a) => a.metricQueries !== undefined);
        expect(failureRate).toMatchObject({ threshold: 25, comparisonOperator: "GreaterThanThreshold" });
        expect(failureRate?.metricQueries).toEqual([
          expect.objectContaining({
            id: "failed",
            metric: expect.objectContaining({
              metricName: "ExecutionsFailed",
              dimensions: { StateMachineArn: machineArn },
              period: 900,
            }),
          }),
          expect.objectContaining({
            id: "started",
            metric: expect.objectContaining({ metricName: "ExecutionsStarted" }),
          }),
          expect.objectContaining({
            expression: "IF(started >= 20, 100 * FILL(failed, 0) / started, 0)",
            returnData: true,
          }),
        ]);
        for (const state of STUCK_STATES) {
          expect(filters).toContainEqual({
            logGroupName: `/aws/vendedlogs/states/${prefix}orders`,
            pattern: failStateEnteredPattern(state),
            metricTransformation: { name: state, namespace, value: "1", unit: "Count" },
          });
          expect(metrics).toContain(`${namespace}/${state}`);
        }
        const logGroups = [
          ...FUNCTIONS.map((m) => `/aws/lambda/${prefix}${m.name}`),
          ...containers.map((m) => `/aws/ecs/${prefix}${m.name}`),
        ];
        for (const [index, logGroupName] of logGroups.entries()) {
          const short = [...FUNCTIONS, ...containers][index]?.name;
          expect(filters).toContainEqual({
            logGroupName,
            pattern: UNEXPECTED_ERROR_PATTERN,
            metricTransformation: {
              name: `${short}-unexpected-errors`,
              namespace,
              value: "1",
              unit: "Count",
            },
          });
          expect(metrics).toContain(`${namespace}/${short}-unexpected-errors`);
        }
        for (const manifest of FUNCTIONS) {
          expect(alarms).toContainEqual(
            expect.objectContaining({
              metricName: "Throttles",
              dimensions: { FunctionName: `${prefix}${manifest.name}` },
            }),
          );
        }
        for (const alarm of alarms) {
          expect(alarm.alarmActions).toEqual([topicArn]);
          expect(alarm.okActions).toEqual([topicArn]);
        }
      });

      it("encrypts the alarm topic with a rotating key, refuses plain-text publishing, and subscribes the configured address", () => {
        const key = named(run, T.kmsKey, "alarms-key");
        const topic = named(run, T.topic, "alarms-topic");
        const policy = documentOf(named(run, T.topicPolicy, "alarms-topic-policy"));
        expect(key.inputs.enableKeyRotation).toBe(true);
        expect(topic.inputs.kmsMasterKeyId).toBe(stringState(key, "arn"));
        expect(policy.Statement).toContainEqual(
          expect.objectContaining({
            Effect: "Deny",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        );
        const emails = ofType(run, "aws:sns/topicSubscription:TopicSubscription").filter(
          (s) => s.inputs.protocol === "email",
        );
        expect(emails.map((s) => s.inputs.endpoint)).toEqual(
          settings.alarmEmail ? [settings.alarmEmail] : [],
        );
      });

      it("tags everything through the provider, in the configured region", () => {
        const provider = named(run, T.awsProvider, "aws");
        expect(provider.inputs.region).toBe(region);
        const allowed = provider.inputs.allowedAccountIds;
        if (settings.accountId === undefined) expect(allowed).toBeUndefined();
        else expect(JSON.parse(String(allowed))).toEqual([settings.accountId]);
        expect(JSON.parse(String(provider.inputs.defaultTags))).toEqual({
          tags: {
            ...settings.tags,
            Project: file.project,
            Stack: stack,
            Tier: settings.tier,
            ManagedBy: "pulumi",
          },
        });
      });
    });

    describe(`${stack}: outputs and policies`, () => {
      it("exports the API URL, state machine and alias ARNs, table names and bus name", () => {
        expect(run.document.outputs).toEqual({
          apiUrl: stringState(named(run, T.api, "orders-api-api"), "apiEndpoint"),
          stateMachineArn: stringState(named(run, T.stateMachine, "order-workflow-state-machine"), "arn"),
          stateMachineAliasArn: stringState(named(run, T.stateMachineAlias, "order-workflow-alias"), "arn"),
          tableNames: Object.fromEntries(TABLE_NAMES.map((t) => [t, `${prefix}${t}`])),
          eventBusName: `${prefix}orders`,
          alarmTopicArn: stringState(named(run, T.topic, "alarms-topic"), "arn"),
          alarmNames: ofType(run, T.metricAlarm)
            .map((alarm) => String(alarm.inputs.name))
            .sort(),
        });
      });

      it("lists every resource type it declares and provider function it calls in infra/iam/required-actions.json", () => {
        // The deploy role's policy is checked against that list (tools/workflow-lint).
        const types = new Set(
          run.captured.filter((r) => !r.type.startsWith("orderflow:")).map((r) => r.type),
        );
        expect(Object.keys(REQUIRED_ACTIONS.resources)).toEqual(expect.arrayContaining([...types]));
        expect(Object.keys(REQUIRED_ACTIONS.invokes)).toEqual(
          expect.arrayContaining([...new Set(run.mocks.calls)]),
        );
      });

      it("passes every policy of the pack with this stack's pack config", async () => {
        // The pack's workflow-rules policy judges a definition by the checked-in manifests; a variant's
        // definition is judged by its own manifests in the state-machine test above.
        const packPolicies =
          variant === DEFAULT_VARIANT ? policies : policies.filter((p) => p.name !== "sfn-workflow-rules");
        const violations = await runPolicies(
          run.document.resources,
          packPolicies,
          readPackConfig(POLICY_PACK_DIR, stack),
          stack,
        );
        expect(run.document.resources.length).toBeGreaterThan(30);
        expect(violations).toEqual([]);
      });
    });

    containerSuite({ stack, prefix, settings, region, containers, run: () => run });
    operationsSuite({ stack, prefix, settings, region, containers, run: () => run });
  });
}
