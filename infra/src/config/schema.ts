/**
 * The one schema for every `orderflow:*` stack setting. Defaults are the safe (production-like) choice, so
 * a key left out of a stack file never weakens that stack; dev relaxes them explicitly. Environment
 * differences are these values, never a branch on the stack's name.
 */
import type { FunctionManifest } from "@orderflow/domain";
import { PAYMENT_GATEWAY_NAMES } from "@orderflow/payments/gateway-env";
import * as v from "valibot";
import { tierGuardrails } from "./guardrails";

/** Retention periods CloudWatch Logs accepts (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const TIERS = ["development", "staging", "production"] as const;
export type Tier = (typeof TIERS)[number];

export const LOG_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;

/** Keys that hold credentials: accepted only as Pulumi secrets, and their values never appear in messages. */
export const SECRET_KEYS = ["alarmWebhookUrl", "stripeSecretKey"] as const;

/** Tag keys the program sets itself on every resource; config may not redefine them. */
export const RESERVED_TAG_KEYS = ["Project", "Stack", "Tier", "ManagedBy"] as const;

const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[^\s]*)?$/;
const CORS_ORIGIN = /^https:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/;
const LOCAL_ORIGIN = /^http:\/\/localhost(?::\d{1,5})?$/;
const TAG_KEY = /^[A-Za-z][A-Za-z0-9 _.:/=+@-]{0,127}$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;
const ACCOUNT_ID = /^\d{12}$/;
/** A Stripe secret (`sk_`) or restricted (`rk_`) key, live or test. */
const STRIPE_SECRET_KEY = /^[sr]k_(live|test)_[A-Za-z0-9]{10,}$/;

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The domain part of an address, or the identity itself when it is a domain. */
export const domainOf = (identity: string) => identity.slice(identity.lastIndexOf("@") + 1);

/** Whether SES sends `address` on `identity`: the address itself, its domain, or a domain above it. */
function covers(identity: string, address: string): boolean {
  const [id, domain] = [identity.toLowerCase(), domainOf(address).toLowerCase()];
  return id === address.toLowerCase() || (!id.includes("@") && (domain === id || domain.endsWith(`.${id}`)));
}

/** CloudWatch Container Insights modes an ECS cluster accepts. */
export const CONTAINER_INSIGHTS = ["enhanced", "enabled", "disabled"] as const;

/** A strict object whose unknown-key message lists what is allowed at that level. */
function strict<const E extends v.ObjectEntries>(entries: E, what: string) {
  const allowed = Object.keys(entries).join(", ");
  return v.strictObject(entries, (issue) =>
    issue.expected === "never"
      ? `is not a known ${what}; allowed: ${allowed || "(none)"}`
      : `must be an object with any of: ${allowed || "(no keys)"}`,
  );
}

const integer = (min: number, max: number) =>
  v.pipe(
    v.number(`must be a whole number from ${min} to ${max}`),
    v.integer(`must be a whole number from ${min} to ${max}`),
    v.minValue(min, `must be a whole number from ${min} to ${max}`),
    v.maxValue(max, `must be a whole number from ${min} to ${max}`),
  );

const boolean = v.boolean("must be true or false");

const apiAuth = v.variant(
  "type",
  [
    strict({ type: v.literal("iam") }, "apiAuth field for type iam"),
    strict(
      {
        type: v.literal("jwt"),
        // Optional here so a missing issuer is reported with the rest (src/config/guardrails.ts requires it).
        issuer: v.optional(
          v.pipe(v.string("must be an https URL"), v.regex(HTTPS_URL, "must be an https URL")),
        ),
        audiences: v.pipe(
          v.array(v.pipe(v.string(), v.minLength(1)), "must be a list of audience strings"),
          v.minLength(1, "must list at least one audience"),
        ),
      },
      "apiAuth field for type jwt",
    ),
    strict({ type: v.literal("none") }, "apiAuth field for type none"),
  ],
  'must be {type: iam}, {type: jwt, issuer, audiences} or {type: none}; type must be "iam", "jwt" or "none"',
);

const corsOrigins = v.array(
  v.pipe(
    v.string(),
    v.check(
      (origin) => CORS_ORIGIN.test(origin) || LOCAL_ORIGIN.test(origin),
      "must be an origin like https://shop.example.com (no path, no *); http://localhost only in development",
    ),
  ),
  "must be a list of origins",
);

const email = v.pipe(v.string("must be an e-mail address"), v.email("must be an e-mail address"));

const mailSender = v.pipe(
  strict(
    {
      address: email,
      identity: v.pipe(
        v.string("must be a domain or an e-mail address verified in SES"),
        v.check(
          (identity) => DOMAIN.test(identity) || v.is(email, identity),
          "must be a domain or an e-mail address verified in SES",
        ),
      ),
    },
    "mailSender field",
  ),
  v.check(
    ({ address, identity }) => covers(identity, address),
    "identity must be the address itself or its domain: SES sends only from a verified identity, and infra grants ses:SendEmail on that identity alone",
  ),
);

const subnetIds = v.pipe(
  v.array(
    v.pipe(v.string(), v.regex(SUBNET_ID, "must be a subnet id like subnet-0a1b2c3d4e5f60718")),
    "must be a list of subnet ids",
  ),
  v.minLength(1, "must list at least one subnet (or be left out to use the default VPC)"),
  v.check((ids) => new Set(ids).size === ids.length, "must not list a subnet twice"),
);

const tags = v.pipe(
  v.record(
    v.pipe(
      v.string(),
      v.regex(TAG_KEY, "tag keys must start with a letter and use letters, digits, space or _.:/=+@-"),
      v.check(
        (key) => !(RESERVED_TAG_KEYS as readonly string[]).includes(key),
        `tag keys ${RESERVED_TAG_KEYS.join(", ")} are set by the program`,
      ),
    ),
    v.pipe(v.string("tag values must be strings"), v.maxLength(256, "tag values: at most 256 characters")),
    "must be a map of tag names to strings",
  ),
  v.check((tags) => Object.keys(tags).length <= 40, "at most 40 tags"),
);

/**
 * The account the stack deploys into. Pulumi hands config over as text and the program reads JSON, so
 * `123456789012` arrives as a number; an id with a leading 0 is no JSON number and stays text.
 */
const accountId = v.pipe(
  v.union([v.string(), v.pipe(v.number(), v.transform(String))], "must be a 12-digit AWS account id"),
  v.regex(ACCOUNT_ID, "must be a 12-digit AWS account id"),
);

/** One entry of `orderflow:functions`, whichever kind of task it configures. */
export interface FunctionConfig {
  readonly reservedConcurrency?: number | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** A function's settings; a container task has no concurrency to reserve, only its environment. */
function functionSettings(manifest: FunctionManifest) {
  const envEntries = Object.fromEntries(
    Object.keys(manifest.env).map((name) => [name, v.optional(v.string("must be a string"))]),
  );
  const env = v.optional(strict(envEntries, `environment variable of ${manifest.name}`));
  const isContainer = "kind" in manifest && manifest.kind === "container";
  return v.optional(
    isContainer
      ? strict({ env }, `setting of container task ${manifest.name}`)
      : strict(
          { reservedConcurrency: v.optional(integer(1, 1000)), env },
          `setting of function ${manifest.name}`,
        ),
  );
}

/** Every key with its type and default, for a program that deploys these functions. */
function settingsSchema(functions: readonly FunctionManifest[]) {
  const functionEntries = Object.fromEntries(functions.map((m) => [m.name, functionSettings(m)]));
  return strict(
    {
      tier: v.optional(v.picklist(TIERS, `must be one of ${TIERS.join(", ")}`), "production"),
      logRetentionDays: v.optional(
        v.picklist(LOG_RETENTION_DAYS, `must be one of ${LOG_RETENTION_DAYS.join(", ")}`),
        30,
      ),
      logLevel: v.optional(v.picklist(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(", ")}`), "INFO"),
      accountId: v.optional(accountId),
      reservedConcurrency: v.optional(integer(1, 1000)),
      functions: v.optional(strict(functionEntries, "function"), {}),
      workflowIncludeExecutionData: v.optional(boolean, false),
      pointInTimeRecovery: v.optional(boolean, true),
      deletionProtection: v.optional(boolean, true),
      apiAuth: v.optional(apiAuth, { type: "iam" }),
      apiThrottle: v.optional(
        strict({ burstLimit: integer(1, 5000), rateLimit: integer(1, 10000) }, "apiThrottle field"),
        { burstLimit: 50, rateLimit: 25 },
      ),
      corsAllowOrigins: v.optional(corsOrigins, []),
      containerSubnetIds: v.optional(subnetIds),
      containerAssignPublicIp: v.optional(boolean),
      containerInsights: v.optional(
        v.picklist(CONTAINER_INSIGHTS, `must be one of ${CONTAINER_INSIGHTS.join(", ")}`),
        "enabled",
      ),
      alarmEmail: v.optional(email),
      mailSender,
      alarmWebhookUrl: v.optional(
        v.pipe(v.string("must be an https URL"), v.regex(HTTPS_URL, "must be an https URL")),
      ),
      canary: v.optional(strict({ weight: integer(1, 50), bakeMinutes: integer(1, 720) }, "canary field")),
      paymentGateway: v.optional(
        v.picklist(PAYMENT_GATEWAY_NAMES, `must be one of ${PAYMENT_GATEWAY_NAMES.join(", ")}`),
        "sandbox",
      ),
      stripeSecretKey: v.optional(
        v.pipe(
          v.string("must be a Stripe secret key"),
          v.regex(
            STRIPE_SECRET_KEY,
            "must be a Stripe secret or restricted key (sk_live_…, rk_live_…, sk_test_…)",
          ),
        ),
      ),
      tags: v.optional(tags, {}),
    },
    "setting",
  );
}

/** The settings as the schema parses them, before the guardrails ran. */
export type ParsedSettings = v.InferOutput<ReturnType<typeof settingsSchema>>;

type ParsedApiAuth = ParsedSettings["apiAuth"];

/** The API's authorization once validated: a JWT authorizer always has its issuer. */
export type ApiAuthSetting =
  | Exclude<ParsedApiAuth, { type: "jwt" }>
  | (Extract<ParsedApiAuth, { type: "jwt" }> & { readonly issuer: string });

/** A stack's validated settings. */
export type StackSettings = Omit<ParsedSettings, "apiAuth"> & { readonly apiAuth: ApiAuthSetting };

/** Every `orderflow:*` key the schema knows, without the namespace. */
export function settingKeys(functions: readonly FunctionManifest[]): string[] {
  return Object.keys(settingsSchema(functions).entries);
}

/**
 * The schema for a program that deploys these functions (their names and env vars are the allowed keys),
 * with the floors of each tier. `stack` only words the `pulumi config set` commands in messages.
 */
export function stackConfigSchema(functions: readonly FunctionManifest[], stack = "<stack>") {
  return v.pipe(
    settingsSchema(functions),
    v.rawCheck(tierGuardrails(functions, stack)),
    // Only reached when the guardrails found nothing, and they refuse a JWT config without its issuer.
    v.transform((settings) => settings as StackSettings),
  );
}
