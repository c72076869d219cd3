import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { policyJson } from "../iam/policy-document";

export interface ServiceRoleArgs {
  /**
   * Physical role name, starting with the stack's prefix (`orderflow-prod-…`), so the deploy role's IAM
   * grants can be limited to the stack's own roles (`infra/iam/`).
   */
  readonly roleName: pulumi.Input<string>;
  /** The AWS service that assumes the role, e.g. `lambda.amazonaws.com`. */
  readonly service: string;
  /** What the role is for, shown in the IAM console. */
  readonly description: pulumi.Input<string>;
  /** When set, only this account's resources of the service may assume the role (confused-deputy guard). */
  readonly sourceAccount?: pulumi.Input<string>;
}

/** A role only one AWS service may assume; its permissions come from a separate inline policy. */
export function serviceRole(
  name: string,
  args: ServiceRoleArgs,
  opts: pulumi.CustomResourceOptions,
): aws.iam.Role {
  return new aws.iam.Role(
    name,
    {
      name: args.roleName,
      description: args.description,
      assumeRolePolicy: policyJson([
        {
          Sid: "AssumedByService",
          Effect: "Allow",
          Principal: { Service: args.service },
          Action: ["sts:AssumeRole"],
          ...(args.sourceAccount !== undefined && {
            Condition: { StringEquals: { "aws:SourceAccount": args.sourceAccount } },
          }),
        },
      ]),
    },
    opts,
  );
}
