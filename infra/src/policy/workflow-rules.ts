import { checkWorkflowRules } from "@orderflow/workflow";
import { RESOURCE_TYPES as T } from "./resource-types";
import { asArray, at, parsed, resourceRule } from "./rule";

export const workflowRules = [
  resourceRule(
    {
      name: "sfn-logging-all",
      description: "State machines log every event (level ALL) to a log group",
      analogue: "AwsSolutions-SF1",
      remediation: 'Set loggingConfiguration.level to "ALL" with a logDestination.',
      types: [T.stateMachine],
    },
    function* (props) {
      if (at(props, "loggingConfiguration.level") !== "ALL") yield "logging level is not ALL";
      if (!at(props, "loggingConfiguration.logDestination")) yield "no log destination";
    },
  ),
  resourceRule(
    {
      name: "sfn-xray-tracing",
      description: "State machines send X-Ray traces",
      analogue: "AwsSolutions-SF2",
      remediation: "Set tracingConfiguration.enabled to true.",
      types: [T.stateMachine],
    },
    function* (props) {
      if (at(props, "tracingConfiguration.enabled") !== true) yield "X-Ray tracing is off";
    },
  ),
  resourceRule(
    {
      name: "sfn-standard-type",
      description:
        "The order workflow is a STANDARD state machine (execution name = order id makes starts idempotent)",
      remediation: 'Set type to "STANDARD".',
      types: [T.stateMachine],
    },
    function* (props) {
      if (props.type !== "STANDARD") yield `type is ${String(props.type)}, not STANDARD`;
    },
  ),
  resourceRule(
    {
      name: "sfn-publishes-versions",
      description: "State machines publish a version per deploy, so the alias can move and roll back",
      remediation:
        "Set publish: true on the state machine, so each deploy publishes a version the live alias can point at.",
      types: [T.stateMachine],
    },
    function* (props) {
      if (props.publish !== true) yield "does not publish versions";
    },
  ),
  resourceRule(
    {
      name: "sfn-execution-data-not-logged",
      description: "Execution input and output (customer e-mail, addresses) stay out of the logs",
      remediation: "Set orderflow:workflowIncludeExecutionData to false for this stack.",
      types: [T.stateMachine],
    },
    function* (props) {
      if (at(props, "loggingConfiguration.includeExecutionData") !== false) yield "execution data is logged";
    },
  ),
  resourceRule(
    {
      name: "sfn-workflow-rules",
      description: "The deployed definition passes the workflow rules (Retry, Timeout, Catch, compensation)",
      remediation: "Fix the definition in @orderflow/workflow; its rules say what is missing.",
      types: [T.stateMachine],
    },
    function* (props) {
      const definition = parsed(props.definition);
      if (typeof definition !== "object" || definition === null) {
        yield "definition is not JSON";
        return;
      }
      for (const finding of checkWorkflowRules(definition as Parameters<typeof checkWorkflowRules>[0])) {
        yield `${finding.rule}${finding.state ? ` at ${finding.state}` : ""}: ${finding.message}`;
      }
    },
  ),
  resourceRule(
    {
      name: "sfn-jsonpath-only",
      description:
        "The definition uses JSONPath, not JSONata, and no Assign (the local engine runs JSONPath only)",
      remediation: "Remove QueryLanguage JSONata and Assign from the definition.",
      types: [T.stateMachine],
    },
    function* (props) {
      const text = typeof props.definition === "string" ? props.definition : JSON.stringify(props.definition);
      if (/"QueryLanguage"\s*:\s*"JSONata"/.test(text)) yield "uses JSONata";
      if (/"Assign"\s*:/.test(text)) yield "uses Assign variables";
    },
  ),
  resourceRule(
    {
      name: "sfn-alias-routes-to-published-versions",
      description:
        "The live alias routes every new execution to published versions: one, or two during a canary, together 100%",
      remediation:
        "Route the alias to the version this deploy published (100), or to the stable and the canary version (100 - w and w); see src/canary/alias-state.ts.",
      types: [T.stateMachineAlias],
    },
    function* (props) {
      const routes = asArray(props.routingConfigurations) as {
        weight?: unknown;
        stateMachineVersionArn?: unknown;
      }[];
      const total = routes.reduce((sum, r) => sum + (typeof r.weight === "number" ? r.weight : 0), 0);
      const versions = routes.map((r) => String(r.stateMachineVersionArn));
      if (routes.length < 1 || routes.length > 2)
        yield `alias routes to ${routes.length} versions, not 1 or 2`;
      if (total !== 100) yield `alias routes ${total}% of new executions, not 100%`;
      if (versions.some((arn) => !/:\d+$/.test(arn))) yield "alias routes to an unversioned ARN";
      if (new Set(versions).size !== versions.length) yield "alias routes to the same version twice";
    },
  ),
];
