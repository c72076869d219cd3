/**
 * What a tier may never relax, whatever the stack file says: the settings can differ per stack, but not
 * below these floors. Outside development a stack must also name what only its owner can know (the
 * account, who gets paged, the identity provider) instead of a documentation placeholder.
 */
import type { FunctionManifest } from "@orderflow/domain";
import type * as v from "valibot";
import { configSetCommand } from "./config-set-command";
import { paymentGuardrails } from "./payment-guardrails";
import { placeholderDomain, placeholderInEmail, placeholderInUrl } from "./placeholders";
import { isLambda, reservedConcurrencyOf } from "./reserved-concurrency";
import { domainOf, type ParsedSettings } from "./schema";

type Path = readonly [string, ...(string | number)[]];
type Fail = (path: Path, message: string) => void;

export interface GuardrailContext {
  readonly config: ParsedSettings;
  readonly functions: readonly FunctionManifest[];
  readonly stack: string;
  readonly fail: Fail;
}

/** The guardrails as one valibot raw check over the parsed settings. */
export function tierGuardrails(functions: readonly FunctionManifest[], stack: string) {
  return ({ dataset, addIssue }: v.RawCheckContext<ParsedSettings>): void => {
    if (!dataset.typed) return;
    const config = dataset.value;
    const fail: Fail = ([first, ...rest], message) =>
      addIssue({ message, path: [pathItem(config, first), ...rest.map((key) => pathItem(config, key))] });
    const context: GuardrailContext = { config, functions, stack, fail };
    for (const check of CHECKS) check(context);
  };
}

/** How valibot locates an issue: the key (or list index) the message is about. */
function pathItem(config: ParsedSettings, key: string | number): v.IssuePathItem {
  return typeof key === "number"
    ? { type: "array", origin: "value", input: [], key, value: undefined }
    : { type: "object", origin: "value", input: config, key, value: undefined };
}

function developmentOnly({ config, fail }: GuardrailContext): void {
  if (config.apiAuth.type === "none" && config.tier !== "development") {
    fail(
      ["apiAuth"],
      `type none is allowed only when orderflow:tier is development (tier is ${config.tier})`,
    );
  }
  if (config.tier !== "development" && config.corsAllowOrigins.some((o) => o.startsWith("http:"))) {
    fail(["corsAllowOrigins"], "http://localhost origins are allowed only in the development tier");
  }
  if (config.tier !== "development" && !config.pointInTimeRecovery) {
    fail(["pointInTimeRecovery"], `must be true in the ${config.tier} tier`);
  }
}

function productionFloors({ config, fail }: GuardrailContext): void {
  if (config.tier !== "production") return;
  if (!config.deletionProtection) fail(["deletionProtection"], "must be true in the production tier");
  if (config.workflowIncludeExecutionData) {
    fail(
      ["workflowIncludeExecutionData"],
      "must be false in the production tier: execution data carries customer e-mail and addresses",
    );
  }
}

function networkPairing({ config, fail }: GuardrailContext): void {
  if (config.containerAssignPublicIp !== undefined && config.containerSubnetIds === undefined) {
    fail(
      ["containerAssignPublicIp"],
      "applies only with orderflow:containerSubnetIds; the default VPC's subnets are public and always get a public IP",
    );
  }
}

/**
 * A JWT authorizer needs its issuer. Checked here rather than by the schema, so a stack file that lacks it
 * still gets every other missing value reported in the same run.
 */
function jwtIssuer({ config, stack, fail }: GuardrailContext): void {
  if (config.apiAuth.type === "jwt" && config.apiAuth.issuer === undefined) {
    fail(
      ["apiAuth", "issuer"],
      `is required for type jwt: ${configSetCommand("apiAuth.issuer", "https://<your identity provider>/", stack)}`,
    );
  }
}

/** Documentation and loopback hosts deploy fine and then answer 401, match no origin, page no one. */
function noPlaceholders({ config, fail }: GuardrailContext): void {
  if (config.tier === "development") return;
  const refuse = (path: Path, domain: string, what: string) =>
    fail(path, `${domain} is a placeholder domain, refused in the ${config.tier} tier: set ${what}`);
  if (config.apiAuth.type === "jwt" && config.apiAuth.issuer !== undefined) {
    const domain = placeholderInUrl(config.apiAuth.issuer);
    if (domain) refuse(["apiAuth", "issuer"], domain, "your identity provider's issuer URL");
  }
  config.corsAllowOrigins.forEach((origin, index) => {
    const domain = placeholderInUrl(origin);
    if (domain) refuse(["corsAllowOrigins", index], domain, "your shop's real origin");
  });
  const emailDomain = config.alarmEmail === undefined ? undefined : placeholderInEmail(config.alarmEmail);
  if (emailDomain) refuse(["alarmEmail"], emailDomain, "an address someone reads");
  const senderDomain = placeholderDomain(domainOf(config.mailSender.identity));
  if (senderDomain)
    refuse(
      ["mailSender"],
      senderDomain,
      "the deployment's own SES identity, where customers' replies arrive",
    );
}

/** What only the stack's owner can know; refusing its absence beats deploying a stack nobody watches. */
function ownerValues({ config, stack, fail }: GuardrailContext): void {
  if (config.tier === "development") return;
  if (config.accountId === undefined) {
    fail(
      ["accountId"],
      `is required in the ${config.tier} tier (the provider then refuses any other account): ` +
        configSetCommand("accountId", "<12-digit account id>", stack),
    );
  }
  if (config.alarmEmail === undefined && config.alarmWebhookUrl === undefined) {
    fail(
      ["alarmEmail"],
      `is required in the ${config.tier} tier so alarms reach someone (or set orderflow:alarmWebhookUrl): ` +
        configSetCommand("alarmEmail", "<on-call address>", stack),
    );
  }
}

/** Production reserves concurrency per function and runs containers in subnets its owner chose. */
function productionCapacity({ config, functions, stack, fail }: GuardrailContext): void {
  if (config.tier !== "production") return;
  const unreserved = functions
    .filter(isLambda)
    .filter((m) => reservedConcurrencyOf(config, m.name) === undefined);
  if (unreserved.length > 0) {
    fail(
      ["reservedConcurrency"],
      `is required in the production tier (${unreserved.map((m) => m.name).join(", ")} reserve nothing): ` +
        configSetCommand("reservedConcurrency", "<per function>", stack),
    );
  }
  const containers = functions.some((m) => !isLambda(m));
  if (containers && config.containerSubnetIds === undefined) {
    fail(
      ["containerSubnetIds"],
      "is required in the production tier: private subnets with a NAT gateway or VPC endpoints " +
        `(container tasks never run in the default VPC there): ${configSetCommand("containerSubnetIds[0]", "subnet-<id>", stack)}`,
    );
  }
}

const CHECKS: readonly ((context: GuardrailContext) => void)[] = [
  jwtIssuer,
  developmentOnly,
  productionFloors,
  networkPairing,
  noPlaceholders,
  ownerValues,
  productionCapacity,
  paymentGuardrails,
];
