import { taskDefinitionFamily } from "@orderflow/workflow/asl";
import type { PolicyResource } from "@pulumi/policy";
import { STUCK_STATES } from "../alarm-signals";
import type { PolicyStatement } from "../iam/policy-document";
import { parsePolicyDocument } from "../iam/wildcards";
import { ecsTaskStates, lambdaTaskStates, serviceTaskStates } from "./asl-reader";
import { RESOURCE_TYPES as T } from "./resource-types";
import { asArray, at, parsed, stackRule } from "./rule";
import { containerDefinitions, TASK_DEFINITION_TYPES, taskDefinitions } from "./task-definitions";

function ofType(resources: readonly PolicyResource[], type: string): PolicyResource[] {
  return resources.filter((r) => r.type === type);
}

function definitions(resources: readonly PolicyResource[]): unknown[] {
  return ofType(resources, T.stateMachine).map((machine) => parsed(machine.props.definition));
}

/** Function ARNs (unqualified) some identity policy allows invoking, with the policy's name. */
/** Allowed `action resource` pairs of the identity policies that sit in the same component as `resource`. */
function siblingGrants(resources: readonly PolicyResource[], resource: PolicyResource): [string, string][] {
  const grants: [string, string][] = [];
  for (const policy of ofType(resources, T.rolePolicy)) {
    if (policy.opts.parent !== resource.opts.parent || typeof policy.props.policy !== "string") continue;
    for (const statement of parsePolicyDocument(policy.props.policy).Statement) {
      if (statement.Effect !== "Allow") continue;
      for (const action of statement.Action) for (const arn of statement.Resource) grants.push([action, arn]);
    }
  }
  return grants;
}

/** Allow statements of the identity policies in the same component as `resource` (its role's policy). */
function siblingStatements(
  resources: readonly PolicyResource[],
  resource: PolicyResource,
): PolicyStatement[] {
  return ofType(resources, T.rolePolicy)
    .filter((p) => p.opts.parent === resource.opts.parent && typeof p.props.policy === "string")
    .flatMap((p) => parsePolicyDocument(String(p.props.policy)).Statement)
    .filter((statement) => statement.Effect === "Allow");
}

/** Allow statements of every identity policy that grant `action`, with the policy's name. */
function grantsOf(resources: readonly PolicyResource[], action: string) {
  return ofType(resources, T.rolePolicy)
    .filter((p) => typeof p.props.policy === "string")
    .flatMap((p) =>
      parsePolicyDocument(String(p.props.policy))
        .Statement.filter((s) => s.Effect === "Allow" && s.Action.includes(action))
        .map((statement) => ({ policy: p.name, statement })),
    );
}

/** `arn:…:log-group:<name>:*` (a state machine's log destination) → `<name>`. */
function logGroupOf(destination: unknown): string | undefined {
  const match = /:log-group:([^:]+)(?::\*)?$/.exec(String(destination ?? ""));
  return match?.[1];
}

/** The metrics (`namespace/name`) that some alarm watches and notifies on. */
function alarmedMetrics(resources: readonly PolicyResource[]): Set<string> {
  const metrics = new Set<string>();
  for (const alarm of ofType(resources, T.metricAlarm)) {
    if (asArray(alarm.props.alarmActions).length === 0) continue;
    metrics.add(`${String(alarm.props.namespace)}/${String(alarm.props.metricName)}`);
    for (const query of asArray(alarm.props.metricQueries)) {
      const metric = at(query, "metric");
      if (metric) metrics.add(`${String(at(metric, "namespace"))}/${String(at(metric, "metricName"))}`);
    }
  }
  return metrics;
}

/** Whether a metric filter on `logGroup` whose pattern has every one of `terms` feeds an alarm. */
function filterAlarmed(
  resources: readonly PolicyResource[],
  logGroup: string,
  terms: readonly string[],
): boolean {
  const alarmed = alarmedMetrics(resources);
  return ofType(resources, T.logMetricFilter).some((filter) => {
    const pattern = String(filter.props.pattern ?? "");
    const metric = `${String(at(filter.props, "metricTransformation.namespace"))}/${String(
      at(filter.props, "metricTransformation.name"),
    )}`;
    return (
      filter.props.logGroupName === logGroup && terms.every((t) => pattern.includes(t)) && alarmed.has(metric)
    );
  });
}

const UNEXPECTED_ERROR_TERMS = ['$.level = "ERROR"'];

export const stackRules = [
  stackRule(
    {
      name: "workflow-role-covers-its-integrations",
      description: "The state-machine role allows every DynamoDB and EventBridge call its definition makes",
      remediation:
        "Grant the integration's action on that exact table or bus in the OrderWorkflow role policy.",
    },
    function* (resources) {
      for (const machine of ofType(resources, T.stateMachine)) {
        const grants = siblingGrants(resources, machine);
        for (const task of serviceTaskStates(parsed(machine.props.definition))) {
          for (const suffix of task.resourceSuffixes) {
            if (!grants.some(([action, arn]) => action === task.iamAction && arn.endsWith(suffix))) {
              yield `${task.state} calls ${task.iamAction} on …${suffix}, which the state-machine role does not allow`;
            }
          }
        }
      }
    },
  ),
  stackRule(
    {
      name: "workflow-invokes-only-its-functions",
      description:
        "Invoke permissions cover exactly the functions the workflow definition invokes: none missing, none extra",
      remediation: "Derive the state-machine role's lambda:InvokeFunction resources from the deployed tasks.",
    },
    function* (resources) {
      for (const machine of ofType(resources, T.stateMachine)) {
        const invoked = new Set(
          lambdaTaskStates(parsed(machine.props.definition)).map((t) => t.unqualifiedArn),
        );
        const granted = new Set(
          siblingGrants(resources, machine)
            .filter(([action]) => action === "lambda:InvokeFunction")
            .map(([, arn]) => arn.replace(/:\*$/, "")),
        );
        for (const arn of granted)
          if (!invoked.has(arn))
            yield `the state-machine role may invoke ${arn}, which no workflow state invokes`;
        for (const arn of invoked)
          if (!granted.has(arn))
            yield `the state-machine role may not invoke ${arn}, which the workflow invokes`;
      }
    },
  ),
  stackRule(
    {
      name: "workflow-invokes-published-versions",
      description: "Every Lambda state invokes a published version of a function this stack deploys",
      remediation: "Pass each task's versionArn (not its unqualified ARN) into the workflow references.",
    },
    function* (resources) {
      const deployed = new Map(ofType(resources, T.function).map((f) => [String(f.props.name), f]));
      for (const definition of definitions(resources)) {
        for (const task of lambdaTaskStates(definition)) {
          if (!/^\d+$/.test(task.qualifier ?? ""))
            yield `${task.state} invokes ${task.functionArn}, not a version`;
          if (!deployed.has(task.functionName))
            yield `${task.state} invokes ${task.functionName}, which this stack does not deploy`;
        }
      }
    },
  ),
  stackRule(
    {
      name: "workflow-task-timeout-above-function-timeout",
      description:
        "Each Lambda state's TimeoutSeconds exceeds its function's timeout, so Lambda times out first",
      remediation:
        "Derive the state timeout from the manifest (taskTimeoutSeconds) instead of hard-coding it.",
    },
    function* (resources) {
      const timeouts = new Map(
        ofType(resources, T.function).map((f) => [String(f.props.name), f.props.timeout]),
      );
      for (const definition of definitions(resources)) {
        for (const task of lambdaTaskStates(definition)) {
          const name = task.functionName;
          const timeout = timeouts.get(name);
          if (typeof timeout !== "number") continue;
          if (task.timeoutSeconds === undefined || task.timeoutSeconds <= timeout) {
            yield `${task.state}: TimeoutSeconds ${String(task.timeoutSeconds)} is not above ${name}'s ${timeout}s`;
          }
        }
      }
    },
  ),
  stackRule(
    {
      name: "one-role-per-function",
      description: "No two functions share a role, so each holds only its own manifest's permissions",
      remediation: "Give every function its own TaskFunction (which creates its role).",
    },
    function* (resources) {
      const seen = new Map<string, string>();
      for (const fn of ofType(resources, T.function)) {
        const role = String(fn.props.role);
        const other = seen.get(role);
        if (other !== undefined) yield `${fn.name} shares role ${role} with ${other}`;
        seen.set(role, fn.name);
      }
    },
  ),
  stackRule(
    {
      name: "every-workload-alarmed",
      description:
        "Every function and container task has an alarm on unexpected errors (a metric filter on its own log group for level ERROR), and every function a Throttles alarm",
      remediation: "Pass the function or container task to the Alarms component.",
    },
    function* (resources) {
      const alarmed = alarmedMetrics(resources);
      for (const fn of ofType(resources, T.function)) {
        const name = String(fn.props.name);
        const logGroup = String(at(fn.props, "loggingConfig.logGroup"));
        if (!filterAlarmed(resources, logGroup, UNEXPECTED_ERROR_TERMS))
          yield `${name} has no alarm on unexpected errors in ${logGroup}`;
        const throttles = ofType(resources, T.metricAlarm).some(
          (a) => a.props.metricName === "Throttles" && at(a.props, "dimensions.FunctionName") === name,
        );
        if (!throttles || !alarmed.has("AWS/Lambda/Throttles")) yield `${name} has no Throttles alarm`;
      }
      for (const definition of resources.filter((r) =>
        (TASK_DEFINITION_TYPES as readonly string[]).includes(r.type),
      )) {
        for (const container of containerDefinitions(definition.type, definition.props)) {
          const logGroup = at(container, "logConfiguration.options.awslogs-group");
          if (typeof logGroup === "string" && !filterAlarmed(resources, logGroup, UNEXPECTED_ERROR_TERMS))
            yield `container ${String(container.name)} has no alarm on unexpected errors in ${logGroup}`;
        }
      }
    },
  ),
  stackRule(
    {
      name: "workflow-and-api-alarmed",
      description:
        "Failed (as a rate or count), timed-out and throttled executions and API 5xx responses each raise an alarm",
      remediation: "Keep the workflow alarms in the Alarms component.",
    },
    function* (resources) {
      const metrics = alarmedMetrics(resources);
      if (ofType(resources, T.stateMachine).length === 0) return;
      for (const metric of ["ExecutionsFailed", "ExecutionsTimedOut", "ExecutionThrottled"]) {
        if (!metrics.has(`AWS/States/${metric}`)) yield `no alarm on ${metric}`;
      }
      if (
        ofType(resources, T.api).length > 0 &&
        !ofType(resources, T.metricAlarm).some((a) => a.props.metricName === "5xx")
      ) {
        yield "no alarm on API 5xx";
      }
    },
  ),
  stackRule(
    {
      name: "workflow-stuck-states-alarmed",
      description: `Entering ${STUCK_STATES.join(" or ")} pages someone: a metric filter on the state machine's log group counts each, and an alarm notifies`,
      remediation: "Keep the stuck-state alarms in the Alarms component (failStateEnteredPattern).",
    },
    function* (resources) {
      for (const machine of ofType(resources, T.stateMachine)) {
        const states = ((
          parsed(machine.props.definition) as { States?: Record<string, { Type?: string }> } | undefined
        )?.States ?? {}) as Record<string, { Type?: string }>;
        const logGroup = logGroupOf(at(machine.props, "loggingConfiguration.logDestination"));
        for (const state of STUCK_STATES) {
          if (states[state]?.Type !== "Fail") continue;
          if (
            logGroup === undefined ||
            !filterAlarmed(resources, logGroup, ["FailStateEntered", `"${state}"`])
          )
            yield `entering ${state} raises no alarm`;
        }
      }
    },
  ),
  stackRule(
    {
      name: "workflow-runs-only-its-task-definitions",
      description:
        "ecs:RunTask is granted exactly for the task-definition families the workflow's ECS states run, each only in the state's cluster",
      remediation:
        "Grant ecs:RunTask on arn:…:task-definition/<family>:* with an ArnEquals ecs:cluster condition (workflowContainerStatements).",
    },
    function* (resources) {
      const deployed = new Set(taskDefinitions(resources).map((d) => d.family));
      const used = new Set<string>();
      for (const machine of ofType(resources, T.stateMachine)) {
        const statements = siblingStatements(resources, machine);
        for (const task of ecsTaskStates(parsed(machine.props.definition))) {
          const family = taskDefinitionFamily(task.taskDefinition);
          used.add(family);
          if (!deployed.has(family)) yield `${task.state} runs ${family}, which this stack does not define`;
          const allowed = statements.some(
            (s) =>
              s.Action.includes("ecs:RunTask") &&
              s.Resource.some(
                (r) => r.endsWith(`:task-definition/${family}:*`) || r === task.taskDefinition,
              ) &&
              s.Condition?.ArnEquals?.["ecs:cluster"] === task.clusterArn,
          );
          if (!allowed)
            yield `${task.state}: the state-machine role may not run ${family} in ${task.clusterArn}`;
        }
      }
      for (const { policy, statement } of grantsOf(resources, "ecs:RunTask")) {
        for (const arn of statement.Resource) {
          if (!used.has(taskDefinitionFamily(arn)))
            yield `${policy} may run ${arn}, which no workflow state runs`;
        }
      }
    },
  ),
  stackRule(
    {
      name: "workflow-passes-only-task-roles",
      description:
        "iam:PassRole is granted exactly for the task and execution roles of the task definitions the workflow runs",
      remediation:
        "Grant iam:PassRole on the container task's two role ARNs only (workflowContainerStatements).",
    },
    function* (resources) {
      const families = new Set(
        ofType(resources, T.stateMachine).flatMap((m) =>
          ecsTaskStates(parsed(m.props.definition)).map((t) => taskDefinitionFamily(t.taskDefinition)),
        ),
      );
      const roles = new Set(
        taskDefinitions(resources)
          .filter((d) => d.family !== undefined && families.has(d.family))
          .flatMap((d) => [d.taskRoleArn, d.executionRoleArn])
          .filter((arn): arn is string => arn !== undefined),
      );
      const passed = new Set<string>();
      for (const { policy, statement } of grantsOf(resources, "iam:PassRole")) {
        for (const arn of statement.Resource) {
          passed.add(arn);
          if (!roles.has(arn)) yield `${policy} may pass ${arn}, which no task the workflow runs uses`;
        }
      }
      for (const role of roles)
        if (!passed.has(role)) yield `no role may pass ${role}, which a workflow task needs`;
    },
  ),
];
