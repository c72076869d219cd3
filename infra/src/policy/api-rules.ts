import { RESOURCE_TYPES as T } from "./resource-types";
import { asArray, at, parsed, resourceRule } from "./rule";

export const apiRules = [
  resourceRule(
    {
      name: "apigw-access-logging",
      description: "API stages write JSON access logs to a log group",
      analogue: "AwsSolutions-APIG1",
      remediation:
        "Set accessLogSettings with a destinationArn and a JSON format that includes $context.requestId.",
      types: [T.stage],
    },
    function* (props) {
      if (!at(props, "accessLogSettings.destinationArn")) yield "no access log destination";
      const format = parsed(at(props, "accessLogSettings.format"));
      if (typeof format !== "object" || format === null) yield "access log format is not JSON";
      else if (!JSON.stringify(format).includes("$context.requestId"))
        yield "access logs lack the request id";
    },
  ),
  resourceRule(
    {
      name: "apigw-route-authorization",
      description: "Every API route requires authorization (IAM or JWT); a JWT route requires OAuth scopes",
      analogue: "AwsSolutions-APIG4",
      remediation: "Set orderflow:apiAuth to iam or jwt; give every route in ORDER_ROUTES its scopes.",
      types: [T.route],
    },
    function* (props) {
      const type = props.authorizationType;
      if (type === undefined || type === "NONE") yield `route ${String(props.routeKey)} has no authorization`;
      if (type === "JWT" && !props.authorizerId)
        yield `route ${String(props.routeKey)} uses JWT without an authorizer`;
      if (type === "JWT" && asArray(props.authorizationScopes).length === 0)
        yield `route ${String(props.routeKey)} accepts any token of the issuer: it requires no scope`;
    },
  ),
  resourceRule(
    {
      name: "apigw-throttling",
      description: "API stages throttle requests, so a burst cannot exhaust the functions behind them",
      remediation: "Set orderflow:apiThrottle (burstLimit, rateLimit).",
      types: [T.stage],
    },
    function* (props) {
      const burst = at(props, "defaultRouteSettings.throttlingBurstLimit");
      const rate = at(props, "defaultRouteSettings.throttlingRateLimit");
      if (typeof burst !== "number" || burst < 1 || typeof rate !== "number" || rate <= 0) {
        yield "no throttling limits on the stage";
      }
    },
  ),
  resourceRule(
    {
      name: "apigw-cors-named-origins",
      description: "CORS allows only named https origins, never *",
      remediation: "List exact origins in orderflow:corsAllowOrigins.",
      types: [T.api],
    },
    function* (props) {
      for (const origin of asArray(at(props, "corsConfiguration.allowOrigins"))) {
        if (String(origin).includes("*")) yield `CORS allows origin ${String(origin)}`;
      }
    },
  ),
];
