import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { ALIAS_MISSING, type AliasState, aliasStateOf, LIVE_ALIAS } from "../canary/alias-state";

/**
 * The `live` alias as AWS has it now, or undefined before the first deploy created it: the program starts
 * from what `orderflow rollout` last made of it, so a deploy never undoes a promote or an abort.
 */
export async function currentAliasState(
  stateMachineArn: string,
  parent: pulumi.Resource,
): Promise<AliasState | undefined> {
  try {
    const alias = await aws.sfn.getAlias({ name: LIVE_ALIAS, statemachineArn: stateMachineArn }, { parent });
    return aliasStateOf(alias.routingConfigurations, alias.description);
  } catch (error) {
    // Any other failure (access denied, throttling) is a real one and stops the deploy.
    if (String((error as Error).message ?? error).includes(ALIAS_MISSING)) return undefined;
    throw error;
  }
}
