import { LAMBDA_ARCHITECTURE, LAMBDA_RUNTIME } from "../platform";
import { RESOURCE_TYPES as T } from "./resource-types";
import { at, resourceRule } from "./rule";

/** Names that say "I am a credential"; `*_ARN` / `*_NAME` references to a secret store are fine. */
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)(?!.*_(ARN|NAME|ID)$)/i;
/** Values that are credentials whatever the variable is called. */
const SECRET_VALUE = [
  /AKIA[0-9A-Z]{16}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bsk_(live|test)_[0-9A-Za-z]{10,}/,
];

/** `arn:…:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<literal first path segment>…` */
const API_ROUTE_ARN =
  /^arn:aws[\w-]*:execute-api:[a-z0-9-]+:\d{12}:[a-z0-9]+\/[^/]+\/(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\/[\w-]+/;

export const lambdaRules = [
  resourceRule(
    {
      name: "lambda-stream-consumer-parks-failures",
      description:
        "A stream consumer reports failed records, bisects failing batches, retries a bounded number of times and parks what still fails on a dead-letter destination, so one bad record neither blocks its shard nor disappears",
      analogue: "CKV_AWS_116",
      remediation:
        'Set functionResponseTypes ["ReportBatchItemFailures"], bisectBatchOnFunctionError, a maximumRetryAttempts ≥ 0 and destinationConfig.onFailure.',
      types: [T.eventSourceMapping],
    },
    function* (props) {
      if (!String(props.eventSourceArn ?? "").includes("/stream/")) return;
      if (
        !(
          Array.isArray(props.functionResponseTypes) &&
          props.functionResponseTypes.includes("ReportBatchItemFailures")
        )
      )
        yield "failed records are not reported (functionResponseTypes lacks ReportBatchItemFailures)";
      if (props.bisectBatchOnFunctionError !== true) yield "a failing batch is not bisected";
      const retries = props.maximumRetryAttempts;
      if (typeof retries !== "number" || retries < 0) yield "records are retried until they expire";
      if (!at(props, "destinationConfig.onFailure.destinationArn"))
        yield "records that keep failing are dropped";
    },
  ),
  resourceRule(
    {
      name: "lambda-latest-node-runtime",
      description: `Functions run on ${LAMBDA_RUNTIME}, the latest Node.js runtime Lambda offers`,
      analogue: "AwsSolutions-L1",
      remediation: `Set runtime to ${LAMBDA_RUNTIME}.`,
      types: [T.function],
    },
    function* (props) {
      if (props.runtime !== LAMBDA_RUNTIME)
        yield `runtime is ${String(props.runtime)}, not ${LAMBDA_RUNTIME}`;
    },
  ),
  resourceRule(
    {
      name: "lambda-arm64",
      description: "Functions run on Graviton (arm64)",
      remediation: `Set architectures to ["${LAMBDA_ARCHITECTURE}"].`,
      types: [T.function],
    },
    function* (props) {
      const architectures = props.architectures;
      if (!Array.isArray(architectures) || architectures.join() !== LAMBDA_ARCHITECTURE) {
        yield `architectures is ${JSON.stringify(architectures)}, not ["${LAMBDA_ARCHITECTURE}"]`;
      }
    },
  ),
  resourceRule(
    {
      name: "lambda-active-tracing",
      description: "Functions send X-Ray traces",
      analogue: "CKV_AWS_50",
      remediation: 'Set tracingConfig.mode to "Active".',
      types: [T.function],
    },
    function* (props) {
      if (at(props, "tracingConfig.mode") !== "Active") yield "X-Ray tracing is not active";
    },
  ),
  resourceRule(
    {
      name: "lambda-reserved-concurrency",
      description: "Functions reserve concurrency, so one cannot starve the others or the account",
      analogue: "CKV_AWS_115",
      remediation:
        "Set reservedConcurrentExecutions (orderflow:reservedConcurrency or orderflow:functions.<name>).",
      types: [T.function],
    },
    function* (props) {
      const reserved = props.reservedConcurrentExecutions;
      if (typeof reserved !== "number" || reserved < 1) yield "no reserved concurrency";
    },
  ),
  resourceRule(
    {
      name: "lambda-json-logs-own-group",
      description: "Functions log JSON into a log group of their own (with retention)",
      remediation:
        'Set loggingConfig.logFormat to "JSON" and loggingConfig.logGroup to the function\'s log group.',
      types: [T.function],
    },
    function* (props) {
      if (at(props, "loggingConfig.logFormat") !== "JSON") yield "log format is not JSON";
      if (!at(props, "loggingConfig.logGroup")) yield "no log group of its own";
    },
  ),
  resourceRule(
    {
      name: "lambda-env-without-secrets",
      description: "Function environment variables hold no credentials",
      analogue: "CKV_AWS_45",
      remediation:
        "Keep credentials in Secrets Manager (Pulumi secret config → secret resource) and pass only its ARN.",
      types: [T.function],
    },
    function* (props) {
      const variables = (at(props, "environment.variables") ?? {}) as Record<string, unknown>;
      for (const [name, value] of Object.entries(variables)) {
        if (SECRET_NAME.test(name)) yield `environment variable ${name} looks like a credential`;
        if (typeof value === "string" && SECRET_VALUE.some((pattern) => pattern.test(value))) {
          yield `environment variable ${name} holds what looks like a key`;
        }
      }
    },
  ),
  resourceRule(
    {
      name: "lambda-publishes-versions",
      description: "Functions publish a version per deploy, so each workflow version pins the code it runs",
      remediation:
        "Set publish: true on the function, so each deploy publishes a version the workflow can pin.",
      types: [T.function],
    },
    function* (props) {
      if (props.publish !== true) yield "does not publish versions";
    },
  ),
  resourceRule(
    {
      name: "lambda-permission-no-public-invoke",
      description: "Invoke permissions name one service principal and are scoped to one source ARN",
      analogue: "CKV_AWS_301",
      remediation: "Grant a service principal with sourceArn scoped to the exact API, stage and route.",
      types: [T.permission],
    },
    function* (props) {
      const principal = String(props.principal ?? "");
      const sourceArn = typeof props.sourceArn === "string" ? props.sourceArn : "";
      if (principal === "*" || principal === "") yield "invocable by any principal";
      else if (!principal.endsWith(".amazonaws.com")) yield `principal ${principal} is not an AWS service`;
      if (sourceArn === "") yield "no sourceArn: any resource of that service in any account could invoke";
      else if (
        principal === "apigateway.amazonaws.com" ? !API_ROUTE_ARN.test(sourceArn) : sourceArn.includes("*")
      ) {
        yield `sourceArn ${sourceArn} is not scoped to one API route`;
      }
    },
  ),
  resourceRule(
    {
      name: "lambda-real-payment-gateway",
      description: "Payment functions charge through a real provider, not the sandbox, which charges nobody",
      remediation: "Set orderflow:paymentGateway to stripe and the secret orderflow:stripeSecretKey.",
      types: [T.function],
    },
    function* (props) {
      const gateway = at(props, "environment.variables.PAYMENT_GATEWAY");
      if (gateway === "sandbox") yield "PAYMENT_GATEWAY is sandbox: no card is ever charged";
    },
  ),
];
