import type {
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

export type Props = Readonly<Record<string, unknown>>;

export interface RuleInfo {
  /** kebab-case id; per-stack policy config refers to it. */
  readonly name: string;
  readonly description: string;
  /** The cdk-nag / Checkov rule this one mirrors, if any (e.g. `AwsSolutions-L1`, `CKV_AWS_50`). */
  readonly analogue?: string;
  readonly remediation: string;
}

/** A finding: what is wrong with the resource, said so someone can fix it. */
export type Findings = Iterable<string>;

/** A rule over every resource of the given types; `check` yields one message per violation. */
export function resourceRule(
  info: RuleInfo & { readonly types: readonly string[] },
  check: (props: Props, args: ResourceValidationArgs) => Findings,
): ResourceValidationPolicy {
  return {
    ...meta(info),
    validateResource: (args, reportViolation) => {
      if (!info.types.includes(args.type)) return;
      for (const message of check(args.props, args)) reportViolation(message);
    },
  };
}

/** A rule over the whole stack, for relations between resources. */
export function stackRule(
  info: RuleInfo,
  check: (resources: readonly PolicyResource[], args: StackValidationArgs) => Findings,
): StackValidationPolicy {
  return {
    ...meta(info),
    validateStack: (args, reportViolation) => {
      for (const message of check(args.resources, args)) reportViolation(message);
    },
  };
}

function meta(info: RuleInfo) {
  return {
    name: info.name,
    description: info.analogue ? `${info.description} (analogue of ${info.analogue})` : info.description,
    enforcementLevel: "mandatory" as const,
    remediationSteps: info.remediation,
    ...(info.analogue && { tags: [info.analogue] }),
  };
}

/** A nested property, or undefined when any step is missing. */
export function at(props: unknown, path: string): unknown {
  let value = props;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** JSON-valued inputs (policies, definitions, provider settings) arrive as text; rules read them parsed. */
export function parsed(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
