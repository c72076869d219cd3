import type { PolicyResource } from "@pulumi/policy";
import { parsePolicyDocument } from "../iam/wildcards";
import { lambdaTaskStates, serviceTaskStates, unqualified } from "./asl-reader";
import { RESOURCE_TYPES as T } from "./resource-types";
import { at, parsed, stackRule } from "./rule";

function ofType(resources: readonly PolicyResource[], type: string): PolicyResource[] {
  return resources.filter((r) => r.type === type);
}

function definitions(resources: readonly PolicyResource[]): unknown[] {
  return ofType(resources, T.stateMachine).map((machine) => parsed(machine.props.definition));
}

/** Function ARNs (unqualified) some identity policy allows invoking, with the policy's name. */
function invokeGrants(resources: readonly PolicyResource[]): { policy: string; arn: string }[] {
  const grants: { policy: string; arn: string }[] = [];
  for (const resource of ofType(resources, T.rolePolicy)) {
    if (typeof resource.props.policy !== "string") continue;
    for (const statement of parsePolicyDocument(resource.props.policy).Statement) {
      if (statement.Effect !== "Allow" || !statement.Action.includes("lambda:InvokeFunction")) continue;
      for (const arn of statement.Resource)
        grants.push({ policy: resource.name, arn: arn.replace(/:\*$/, "") });
    }
  }
  return grants;
}

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
      const invoked = new Set(
        definitions(resources).flatMap((d) => lambdaTaskStates(d).map((t) => t.functionArn)),
      );
      const invokedFunctions = new Set([...invoked].map(unqualified));
      const grants = invokeGrants(resources);
      for (const grant of grants) {
        if (!invokedFunctions.has(grant.arn))
          yield `${grant.policy} may invoke ${grant.arn}, which no workflow state invokes`;
      }
      const granted = new Set(grants.map((g) => g.arn));
      for (const arn of invokedFunctions)
        if (!granted.has(arn)) yield `no role may invoke ${arn}, which the workflow invokes`;
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
          if (!/:function:[^:]+:\d+$/.test(task.functionArn))
            yield `${task.state} invokes ${task.functionArn}, not a version`;
          const name = unqualified(task.functionArn).split(":").pop() ?? "";
          if (!deployed.has(name)) yield `${task.state} invokes ${name}, which this stack does not deploy`;
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
          const name = unqualified(task.functionArn).split(":").pop() ?? "";
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
      name: "every-function-alarmed",
      description: "Every function has an Errors and a Throttles alarm",
      remediation: "Pass the function to the Alarms component.",
    },
    function* (resources) {
      const alarmed = new Set(
        ofType(resources, T.metricAlarm).map(
          (a) => `${String(a.props.metricName)}:${String(at(a.props, "dimensions.FunctionName"))}`,
        ),
      );
      for (const fn of ofType(resources, T.function)) {
        for (const metric of ["Errors", "Throttles"]) {
          if (!alarmed.has(`${metric}:${String(fn.props.name)}`))
            yield `${String(fn.props.name)} has no ${metric} alarm`;
        }
      }
    },
  ),
  stackRule(
    {
      name: "workflow-and-api-alarmed",
      description: "Failed, timed-out and throttled executions and API 5xx responses each raise an alarm",
      remediation: "Keep the workflow alarms in the Alarms component.",
    },
    function* (resources) {
      const metrics = new Set(
        ofType(resources, T.metricAlarm)
          .filter((a) => a.props.namespace === "AWS/States")
          .map((a) => String(a.props.metricName)),
      );
      if (ofType(resources, T.stateMachine).length === 0) return;
      for (const metric of ["ExecutionsFailed", "ExecutionsTimedOut", "ExecutionThrottled"]) {
        if (!metrics.has(metric)) yield `no alarm on ${metric}`;
      }
      if (
        ofType(resources, T.api).length > 0 &&
        !ofType(resources, T.metricAlarm).some((a) => a.props.metricName === "5xx")
      ) {
        yield "no alarm on API 5xx";
      }
    },
  ),
];
