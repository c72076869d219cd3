import { type ApiRoute, ORDER_ROUTES } from "@orderflow/api/routes";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** How callers prove who they are. `none` exists for throwaway dev stacks and is refused elsewhere by config. */
export type ApiAuth =
  | {
      /** SigV4-signed requests, authorized by the caller's IAM permissions. */
      readonly type: "iam";
    }
  | {
      /** Bearer tokens checked by a JWT authorizer. */
      readonly type: "jwt";
      /** The token issuer (`iss`), an https URL. */
      readonly issuer: string;
      /** Accepted audiences (`aud`); at least one. */
      readonly audiences: readonly string[];
    }
  | {
      /** No authorization (development stacks only). */
      readonly type: "none";
    };

/** HTTP API route authorization type per auth mode. */
export const AUTHORIZATION_TYPES = { iam: "AWS_IAM", jwt: "JWT", none: "NONE" } as const;

/** The function behind every route. */
export interface ApiHandler {
  /** Unqualified function ARN, the integration's target. */
  readonly arn: pulumi.Input<string>;
  /** The function API Gateway is permitted to invoke. */
  readonly functionName: pulumi.Input<string>;
}

export interface OrdersApiArgs {
  /** Physical API name; the access-log group is `/orderflow/api/<name>/access`. */
  readonly apiName: pulumi.Input<string>;
  /** The function every route proxies to (payload format 2.0). */
  readonly handler: ApiHandler;
  /** How callers prove who they are. Plain data: whether an authorizer exists depends on it. */
  readonly auth: ApiAuth;
  /** Browser origins allowed to call the API; empty means no cross-origin access. */
  readonly corsAllowOrigins: pulumi.Input<pulumi.Input<string>[]>;
  /** The `$default` stage's burst and steady-state request limits. */
  readonly throttle: pulumi.Input<{ readonly burstLimit: number; readonly rateLimit: number }>;
  /** Retention of the access-log group, in days. */
  readonly logRetentionDays: pulumi.Input<number>;
}

/** Access log fields: enough to trace a request and its failure, no caller IPs or bodies (PII). */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLength: "$context.responseLength",
  latencyMs: "$context.responseLatency",
  integrationStatus: "$context.integrationStatus",
  integrationLatencyMs: "$context.integrationLatency",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  errorMessage: "$context.error.message",
});

/**
 * The HTTP API in front of the api function: `POST /orders`, `GET /orders` and `GET /orders/{id}`, every
 * route authorized as configured (with JWT auth, each route requires its scopes), JSON access logs in its
 * own log group, throttling and CORS from config, and invoke permissions scoped to this API and each route.
 * The function takes the customer from the verified token's subject, so JWT is the mode for customers.
 *
 * @example
 * ```ts
 * const api = new OrdersApi("orders-api", {
 *   apiName: "orderflow-prod-orders",
 *   handler: { arn: apiHandler.arn, functionName: apiHandler.functionName },
 *   auth: { type: "jwt", issuer: "https://auth.example.com/", audiences: ["orderflow-api"] },
 *   corsAllowOrigins: ["https://shop.example.com"],
 *   throttle: { burstLimit: 200, rateLimit: 100 },
 *   logRetentionDays: 365,
 * }, { providers: [provider] });
 * // Callers use api.url.
 * ```
 */
export class OrdersApi extends pulumi.ComponentResource {
  readonly url: pulumi.Output<string>;
  readonly apiId: pulumi.Output<string>;
  readonly stageName: pulumi.Output<string>;

  constructor(name: string, args: OrdersApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("orderflow:api:OrdersApi", name, {}, opts);

    const logGroup = this.accessLogs(name, args);
    const api = this.api(name, args);
    const authorizer = this.authorizer(name, args, api);
    const integration = this.integration(name, args, api);
    this.routes(name, args, { api, integration, authorizer });
    const stage = this.stage(name, args, api, logGroup);
    this.invokePermissions(name, args, api);

    this.url = api.apiEndpoint;
    this.apiId = api.id;
    this.stageName = stage.name;
    this.registerOutputs({ url: this.url, apiId: this.apiId });
  }

  private accessLogs(name: string, args: OrdersApiArgs): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
      `${name}-access-logs`,
      {
        name: pulumi.interpolate`/orderflow/api/${args.apiName}/access`,
        retentionInDays: args.logRetentionDays,
      },
      { parent: this },
    );
  }

  private api(name: string, args: OrdersApiArgs): aws.apigatewayv2.Api {
    return new aws.apigatewayv2.Api(
      `${name}-api`,
      {
        name: args.apiName,
        protocolType: "HTTP",
        description:
          "Orders: POST /orders starts an order, GET /orders and GET /orders/{id} report the caller's orders",
        corsConfiguration: {
          allowOrigins: args.corsAllowOrigins,
          allowMethods: ["GET", "POST", "OPTIONS"],
          allowHeaders: [
            "authorization",
            "content-type",
            "idempotency-key",
            "x-amz-date",
            "x-amz-security-token",
            "x-amz-content-sha256",
          ],
          maxAge: 300,
        },
      },
      { parent: this },
    );
  }

  /** A JWT authorizer when auth is `jwt`; IAM and none need none. */
  private authorizer(
    name: string,
    args: OrdersApiArgs,
    api: aws.apigatewayv2.Api,
  ): aws.apigatewayv2.Authorizer | undefined {
    if (args.auth.type !== "jwt") return undefined;
    return new aws.apigatewayv2.Authorizer(
      `${name}-jwt`,
      {
        apiId: api.id,
        authorizerType: "JWT",
        identitySources: ["$request.header.Authorization"],
        jwtConfiguration: { issuer: args.auth.issuer, audiences: [...args.auth.audiences] },
      },
      { parent: this },
    );
  }

  private integration(
    name: string,
    args: OrdersApiArgs,
    api: aws.apigatewayv2.Api,
  ): aws.apigatewayv2.Integration {
    return new aws.apigatewayv2.Integration(
      `${name}-integration`,
      {
        apiId: api.id,
        integrationType: "AWS_PROXY",
        integrationUri: args.handler.arn,
        integrationMethod: "POST",
        payloadFormatVersion: "2.0",
      },
      { parent: this },
    );
  }

  /** Every order route to the one integration, authorized as configured. */
  private routes(
    name: string,
    args: OrdersApiArgs,
    parts: {
      readonly api: aws.apigatewayv2.Api;
      readonly integration: aws.apigatewayv2.Integration;
      readonly authorizer: aws.apigatewayv2.Authorizer | undefined;
    },
  ): aws.apigatewayv2.Route[] {
    return ORDER_ROUTES.map(
      (route) =>
        new aws.apigatewayv2.Route(
          `${name}-${routeSlug(route)}`,
          {
            apiId: parts.api.id,
            routeKey: `${route.method} ${route.path}`,
            target: pulumi.interpolate`integrations/${parts.integration.id}`,
            authorizationType: AUTHORIZATION_TYPES[args.auth.type],
            ...(parts.authorizer && {
              authorizerId: parts.authorizer.id,
              authorizationScopes: [...route.scopes],
            }),
          },
          { parent: this },
        ),
    );
  }

  /** `$default`, deployed automatically, throttled and access-logged. */
  private stage(
    name: string,
    args: OrdersApiArgs,
    api: aws.apigatewayv2.Api,
    logGroup: aws.cloudwatch.LogGroup,
  ): aws.apigatewayv2.Stage {
    return new aws.apigatewayv2.Stage(
      `${name}-stage`,
      {
        apiId: api.id,
        name: "$default",
        autoDeploy: true,
        accessLogSettings: { destinationArn: logGroup.arn, format: ACCESS_LOG_FORMAT },
        defaultRouteSettings: pulumi.output(args.throttle).apply((throttle) => ({
          throttlingBurstLimit: throttle.burstLimit,
          throttlingRateLimit: throttle.rateLimit,
          detailedMetricsEnabled: true,
        })),
      },
      { parent: this },
    );
  }

  /** API Gateway may invoke the function only from this API, per route and method. */
  private invokePermissions(
    name: string,
    args: OrdersApiArgs,
    api: aws.apigatewayv2.Api,
  ): aws.lambda.Permission[] {
    return ORDER_ROUTES.map(
      (route) =>
        new aws.lambda.Permission(
          `${name}-invoke-${routeSlug(route)}`,
          {
            action: "lambda:InvokeFunction",
            function: args.handler.functionName,
            principal: "apigateway.amazonaws.com",
            sourceArn: pulumi.interpolate`${api.executionArn}/${routeArnPath(route)}`,
          },
          { parent: this },
        ),
    );
  }
}

/**
 * The part of the execute-api ARN after the API id: any stage (the API has only `$default`), the exact
 * method, and the route's path with each `{parameter}` matching one value.
 */
export function routeArnPath(route: ApiRoute): string {
  return `*/${route.method}${route.path.replace(/\{[^}]+\}/g, "*")}`;
}

function routeSlug(route: ApiRoute): string {
  const path = route.path.replace(/[{}]/g, "").split("/").filter(Boolean).join("-");
  return `${route.method.toLowerCase()}-${path}`;
}
