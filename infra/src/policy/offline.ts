import { readFileSync } from "node:fs";
import { join } from "node:path";
import type {
  EnforcementLevel,
  Policies,
  PolicyResource,
  ResourceValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

/** A resource as the offline runner feeds it to the rules (the synth's shape). */
export interface ResourceUnderTest {
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly inputs: Record<string, unknown>;
}

export interface Violation {
  readonly policy: string;
  /** `<type>::<name>` for resource rules; absent for stack rules. */
  readonly resource?: string;
  readonly message: string;
  readonly enforcementLevel: EnforcementLevel;
}

/** Per-stack pack configuration, as `pulumi preview --policy-pack-config` reads it. */
export type PackConfig = Readonly<
  Record<
    string,
    EnforcementLevel | ({ readonly enforcementLevel?: EnforcementLevel } & Record<string, unknown>)
  >
>;

class NotApplicable extends Error {}

/**
 * Runs the rules the way CrossGuard would, without its server: each resource rule over each resource, each
 * stack rule over all of them, violations collected. Disabled rules (per pack config) do not run.
 */
export async function runPolicies(
  resources: readonly ResourceUnderTest[],
  policies: Policies,
  config: PackConfig = {},
  stack = "offline",
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const asPolicyResources = resources.map((r) => policyResource(r, stack));
  const byRef = new Map(asPolicyResources.map((r, i) => [`${resources[i]?.type}::${resources[i]?.name}`, r]));
  resources.forEach((r, i) => {
    const parent = r.parent === null ? undefined : byRef.get(r.parent);
    if (parent) (asPolicyResources[i] as { parent?: PolicyResource }).parent = parent;
  });
  for (const policy of policies) {
    const enforcementLevel = levelOf(policy.name, config) ?? policy.enforcementLevel ?? "mandatory";
    if (enforcementLevel === "disabled") continue;
    const settings = settingsOf(policy.name, config);
    const report = (resource?: string) => (message: string) =>
      violations.push({ policy: policy.name, ...(resource && { resource }), message, enforcementLevel });
    if ("validateResource" in policy && policy.validateResource) {
      const validations = Array.isArray(policy.validateResource)
        ? policy.validateResource
        : [policy.validateResource];
      for (const resource of asPolicyResources) {
        const args = resourceArgs(resource, settings);
        for (const validate of validations) {
          await notApplicableIsFine(() => validate(args, report(`${resource.type}::${resource.name}`)));
        }
      }
    }
    if ("validateStack" in policy) {
      const stackPolicy = policy as StackValidationPolicy;
      await notApplicableIsFine(() =>
        stackPolicy.validateStack(
          {
            resources: asPolicyResources,
            stackTags: new Map(),
            getConfig: <T extends object>() => settings as T,
            notApplicable: notApplicable,
          },
          report(),
        ),
      );
    }
  }
  return violations;
}

/** Reads `policy-pack/config/<stack>.json`. */
export function readPackConfig(packDir: string, stack: string): PackConfig {
  return JSON.parse(readFileSync(join(packDir, "config", `${stack}.json`), "utf8")) as PackConfig;
}

function policyResource(resource: ResourceUnderTest, stack: string): PolicyResource {
  const typeOf = (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType;
  return {
    type: resource.type,
    name: resource.name,
    urn: urnOf(`${resource.type}::${resource.name}`, stack),
    props: resource.inputs,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
      ...(resource.parent !== null && { parent: urnOf(resource.parent, stack) }),
    },
    dependencies: [],
    propertyDependencies: {},
    isType: (cls) => typeOf(cls) === resource.type,
    asType: ((cls: unknown) =>
      typeOf(cls) === resource.type ? resource.inputs : undefined) as PolicyResource["asType"],
  };
}

/** A URN for a `<type>::<name>` reference (the engine's would also carry the parent type chain). */
function urnOf(ref: string, stack: string): string {
  return `urn:pulumi:${stack}::orderflow::${ref}`;
}

function resourceArgs(resource: PolicyResource, settings: object): ResourceValidationArgs {
  return {
    type: resource.type,
    name: resource.name,
    urn: resource.urn,
    props: resource.props,
    opts: resource.opts,
    stackTags: new Map(),
    isType: resource.isType,
    asType: resource.asType as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => settings as T,
    notApplicable,
  };
}

function notApplicable(reason?: string): never {
  throw new NotApplicable(reason);
}

async function notApplicableIsFine(run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof NotApplicable)) throw error;
  }
}

function levelOf(name: string, config: PackConfig): EnforcementLevel | undefined {
  const entry = config[name];
  return typeof entry === "string" ? entry : entry?.enforcementLevel;
}

function settingsOf(name: string, config: PackConfig): object {
  const entry = config[name];
  return typeof entry === "object" ? entry : {};
}
