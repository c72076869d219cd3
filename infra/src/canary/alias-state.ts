/**
 * Where a rollout of the order workflow stands, read from and written to its `live` alias. Both writers
 * use these functions: the Pulumi program when it declares the alias (a deploy starts a canary) and
 * `orderflow rollout` when it moves it (promote, abort). Because each computes the alias from the alias as
 * it is in AWS, `pulumi up` never undoes a promote or an abort, and neither tool fights the other. Pure
 * data, no Pulumi and no SDK, so both packages can import it.
 */

/** The alias callers start executions through. */
export const LIVE_ALIAS = "live";

/**
 * What the AWS provider's alias lookup fails with when the state machine has no such alias yet (it lists
 * the machine's aliases and matches by name): the first deploy.
 */
export const ALIAS_MISSING = "no Step Functions State Machine Aliases matched";

/** One entry of an alias's routing: a published version and its share of new executions (percent). */
export interface AliasRoute {
  readonly stateMachineVersionArn: string;
  readonly weight: number;
}

/** A rollout's phase, as the alias shows it. Versions are full version ARNs (`…:stateMachine:<name>:<n>`). */
export type AliasState =
  /** Every new execution runs one version. */
  | { readonly phase: "stable"; readonly stable: string }
  /** `weight` percent run the new version, the rest the version that was stable before the deploy. */
  | { readonly phase: "canary"; readonly stable: string; readonly canary: string; readonly weight: number }
  /** The canary was aborted: everything runs `stable` again, and `aborted` is not retried by a re-deploy. */
  | { readonly phase: "rolled-back"; readonly stable: string; readonly aborted: string };

/** What a rolled-back alias's description says, so the next deploy can tell the aborted version apart. */
const ROLLED_BACK = /^Rolled back: version (\d+) was aborted/;

/** A version ARN's number (`…:orders:7` → 7). */
export function versionNumber(versionArn: string): number {
  const match = /:(\d+)$/.exec(versionArn);
  if (!match) throw new Error(`${versionArn} is not a state machine version ARN (…:stateMachine:<name>:<n>)`);
  return Number(match[1]);
}

/** The ARN of another version of the same state machine. */
function sibling(versionArn: string, version: number): string {
  return versionArn.replace(/:\d+$/, `:${version}`);
}

/**
 * The phase an alias is in, from its routing and description. With two routes the canary is the one with
 * the smaller share (on a 50/50 split, the newer version); a single route is stable, or rolled back when
 * the description says so.
 */
export function aliasStateOf(routes: readonly AliasRoute[], description: string | undefined): AliasState {
  const [first, second, ...more] = routes;
  if (first === undefined || more.length > 0) {
    throw new Error(`the live alias routes to ${routes.length} versions; expected one or two`);
  }
  if (second !== undefined) {
    const firstIsCanary =
      first.weight < second.weight ||
      (first.weight === second.weight &&
        versionNumber(first.stateMachineVersionArn) > versionNumber(second.stateMachineVersionArn));
    const [canary, stable] = firstIsCanary ? [first, second] : [second, first];
    return {
      phase: "canary",
      stable: stable.stateMachineVersionArn,
      canary: canary.stateMachineVersionArn,
      weight: canary.weight,
    };
  }
  const stable = first.stateMachineVersionArn;
  const aborted = ROLLED_BACK.exec(description ?? "")?.[1];
  return aborted !== undefined && Number(aborted) !== versionNumber(stable)
    ? { phase: "rolled-back", stable, aborted: sibling(stable, Number(aborted)) }
    : { phase: "stable", stable };
}

/**
 * What a deploy that published (or kept) `published` makes of the alias. Without a canary share every new
 * execution moves to it at once. With one, a version the alias does not run yet gets `canaryWeight`
 * percent beside the stable one; a re-run of the same deploy keeps the phase the alias is in, and an
 * aborted version stays aborted until a newer one is published.
 */
export function onDeploy(
  current: AliasState | undefined,
  published: string,
  canaryWeight: number | undefined,
): AliasState {
  if (current === undefined || canaryWeight === undefined) return { phase: "stable", stable: published };
  if (published === current.stable) return { phase: "stable", stable: published };
  if (current.phase === "rolled-back" && published === current.aborted) return current;
  return { phase: "canary", stable: current.stable, canary: published, weight: canaryWeight };
}

/** After a good bake: every new execution runs the canary. Any other phase stays as it is. */
export function promoted(state: AliasState): AliasState {
  return state.phase === "canary" ? { phase: "stable", stable: state.canary } : state;
}

/** On an alarm (or by hand): every new execution runs the stable version again. */
export function aborted(state: AliasState): AliasState {
  return state.phase === "canary"
    ? { phase: "rolled-back", stable: state.stable, aborted: state.canary }
    : state;
}

/** The alias's routing for a phase: one route, or the stable version beside the canary. */
export function aliasRoutes(state: AliasState): AliasRoute[] {
  if (state.phase !== "canary") return [{ stateMachineVersionArn: state.stable, weight: 100 }];
  return [
    { stateMachineVersionArn: state.stable, weight: 100 - state.weight },
    { stateMachineVersionArn: state.canary, weight: state.weight },
  ];
}

/** The alias's description for a phase: readable in the console, and how an abort is remembered. */
export function aliasDescription(state: AliasState): string {
  const stable = versionNumber(state.stable);
  switch (state.phase) {
    case "stable":
      return `Every new execution runs version ${stable}`;
    case "canary":
      return `Canary: ${state.weight} % of new executions run version ${versionNumber(state.canary)}, the rest version ${stable}`;
    case "rolled-back":
      return `Rolled back: version ${versionNumber(state.aborted)} was aborted; every new execution runs version ${stable}`;
  }
}

/** Whether two phases route and describe the alias the same way (a move between them changes nothing). */
export function sameAlias(a: AliasState, b: AliasState): boolean {
  return (
    aliasDescription(a) === aliasDescription(b) &&
    JSON.stringify(aliasRoutes(a)) === JSON.stringify(aliasRoutes(b))
  );
}
