import { parsePolicyDocument, wildcardFindings } from "../iam/wildcards";
import { RESOURCE_TYPES as T } from "./resource-types";
import { asArray, at, type Props, resourceRule } from "./rule";

const AWS_MANAGED_POLICY = /^arn:aws[\w-]*:iam::aws:policy\//;

/** The identity policies a resource carries: a policy resource's own, or a role's inline ones. */
function identityPolicies(type: string, props: Props): string[] {
  if (type === T.role)
    return asArray(props.inlinePolicies)
      .map((p) => at(p, "policy"))
      .filter(isText);
  return isText(props.policy) ? [props.policy] : [];
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

export const iamRules = [
  resourceRule(
    {
      name: "iam-no-aws-managed-policies",
      description: "Roles get inline policies derived from what they need, never AWS managed policies",
      analogue: "AwsSolutions-IAM4",
      remediation: "Replace the managed policy with statements for the exact actions and resources used.",
      types: [T.role, T.rolePolicyAttachment],
    },
    function* (props) {
      const arns = [...asArray(props.managedPolicyArns), props.policyArn].filter(isText);
      for (const arn of arns) if (AWS_MANAGED_POLICY.test(arn)) yield `attaches AWS managed policy ${arn}`;
    },
  ),
  resourceRule(
    {
      name: "iam-no-wildcards",
      description:
        "No * in any Allow action or resource, except the documented AWS-imposed cases (src/iam/wildcards.ts)",
      analogue: "AwsSolutions-IAM5",
      remediation: "Name the exact actions and ARNs; if AWS truly requires *, add a documented exception.",
      types: [T.role, T.rolePolicy, T.policy],
    },
    function* (props, args) {
      for (const policy of identityPolicies(args.type, props)) {
        yield* wildcardFindings(parsePolicyDocument(policy), "identity");
      }
    },
  ),
  resourceRule(
    {
      name: "iam-passrole-to-one-service",
      description:
        "iam:PassRole names its roles and says which service may receive them (iam:PassedToService), so a role cannot be handed to anything else",
      remediation: 'Add Condition {"StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}}.',
      types: [T.role, T.rolePolicy, T.policy],
    },
    function* (props, args) {
      for (const policy of identityPolicies(args.type, props)) {
        for (const statement of parsePolicyDocument(policy).Statement) {
          if (statement.Effect !== "Allow" || !statement.Action.includes("iam:PassRole")) continue;
          const service = statement.Condition?.StringEquals?.["iam:PassedToService"];
          if (typeof service !== "string" || !service.endsWith(".amazonaws.com")) {
            yield `${statement.Sid ?? "a statement"} passes roles to any service`;
          }
        }
      }
    },
  ),
  resourceRule(
    {
      name: "iam-trust-one-service",
      description: "Roles can be assumed by exactly one AWS service, not by accounts, users or *",
      remediation: "Trust a single service principal (and scope it with aws:SourceAccount where supported).",
      types: [T.role],
    },
    function* (props) {
      if (!isText(props.assumeRolePolicy)) {
        yield "no trust policy";
        return;
      }
      const document = parsePolicyDocument(props.assumeRolePolicy);
      for (const statement of document.Statement) {
        if (statement.Effect !== "Allow") continue;
        const principal = statement.Principal;
        const services = typeof principal === "object" ? asArray(principal.Service) : [];
        const others =
          typeof principal === "object" ? Object.keys(principal).filter((k) => k !== "Service") : ["*"];
        if (services.length !== 1 || others.length > 0) {
          yield `trust statement ${statement.Sid ?? ""} allows ${JSON.stringify(principal)}`;
        }
      }
    },
  ),
  resourceRule(
    {
      name: "kms-key-policy-explicit-actions",
      description: "KMS key policies name their actions (no kms:*) and use * only as 'this key'",
      remediation: "List the key actions each principal needs.",
      types: [T.kmsKey],
    },
    function* (props) {
      if (!isText(props.policy)) {
        yield "no key policy: the default grants kms:* to the account";
        return;
      }
      yield* wildcardFindings(parsePolicyDocument(props.policy), "key-policy");
    },
  ),
];
