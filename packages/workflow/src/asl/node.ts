import type { AslState } from "./types";

/** A named state as the builder passes it around; `stateMachine` turns a list of them into `States`. */
export interface StateNode<S extends AslState = AslState> {
  readonly name: string;
  readonly state: S;
}

/** Where a transition goes: a state's name or the node itself. */
export type Target = string | StateNode;

export function nameOf(target: Target): string {
  return typeof target === "string" ? target : target.name;
}

/** Drops `undefined` members, so optional fields stay absent instead of serializing as missing keys. */
export function compact<T extends object>(fields: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** Fails with a message that names the state, which is what a reader of a build error needs first. */
export class AslBuildError extends Error {
  override readonly name = "AslBuildError";
  constructor(
    readonly state: string | undefined,
    problem: string,
  ) {
    super(state === undefined ? problem : `state "${state}": ${problem}`);
  }
}
