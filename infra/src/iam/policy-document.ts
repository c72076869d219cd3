import * as pulumi from "@pulumi/pulumi";

/** One IAM policy statement as AWS reads it (Action and Resource always as lists, so checks stay simple). */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Readonly<Record<string, string | readonly string[]>> | "*";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** A statement whose resources (and condition values) may still be unresolved outputs. */
export interface StatementInput {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: pulumi.Input<Readonly<Record<string, pulumi.Input<string>>>> | "*";
  readonly Action: readonly string[];
  /** Absent only in trust policies, which name a Principal instead. */
  readonly Resource?: readonly pulumi.Input<string>[];
  readonly Condition?: pulumi.Input<
    Readonly<Record<string, pulumi.Input<Readonly<Record<string, pulumi.Input<string>>>>>>
  >;
}

/** Renders statements to the policy JSON AWS expects, once every referenced ARN is known. */
export function policyJson(statements: pulumi.Input<readonly StatementInput[]>): pulumi.Output<string> {
  return pulumi.jsonStringify(pulumi.output({ Version: "2012-10-17", Statement: statements }));
}

/** The ARN with a version qualifier wildcard: every published version of exactly that function. */
export function allVersionsOf(functionArn: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.interpolate`${functionArn}:*`;
}
