import {
  DescribeStateMachineAliasCommand,
  type SFNClient,
  UpdateStateMachineAliasCommand,
} from "@aws-sdk/client-sfn";
import {
  type AliasState,
  aliasDescription,
  aliasRoutes,
  aliasStateOf,
  sameAlias,
  versionNumber,
} from "@orderflow/infra/canary";

/** The live alias as AWS has it: its phase, and when it was last moved (the canary's start). */
export interface LiveAlias {
  readonly arn: string;
  readonly state: AliasState;
  readonly updatedAt: Date;
}

export async function readLiveAlias(sfn: SFNClient, arn: string): Promise<LiveAlias> {
  const alias = await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: arn }));
  const routes = (alias.routingConfiguration ?? []).map((r) => ({
    stateMachineVersionArn: r.stateMachineVersionArn ?? "",
    weight: r.weight ?? 0,
  }));
  return {
    arn,
    state: aliasStateOf(routes, alias.description),
    updatedAt: alias.updateDate ?? alias.creationDate ?? new Date(0),
  };
}

/** Moves the alias to `target`; a move to where it already is sends nothing. Resolves to whether it moved. */
export async function moveLiveAlias(sfn: SFNClient, alias: LiveAlias, target: AliasState): Promise<boolean> {
  if (sameAlias(alias.state, target)) return false;
  await sfn.send(
    new UpdateStateMachineAliasCommand({
      stateMachineAliasArn: alias.arn,
      routingConfiguration: aliasRoutes(target),
      description: aliasDescription(target),
    }),
  );
  return true;
}

/** `version 5`, for messages. */
export function version(versionArn: string): string {
  return `version ${versionNumber(versionArn)}`;
}
