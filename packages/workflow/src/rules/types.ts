import type { TaskManifest } from "@orderflow/domain";
import type { AslDefinition, TaskState } from "../asl";
import type { RuleId } from "./catalog";
import type { StatePath } from "./paths";
import type { SagaShape } from "./saga-shape";

/** One broken rule: which, where, and what to change. */
export interface RuleViolation {
  readonly rule: string;
  readonly state?: string;
  readonly message: string;
}

/** A Task with its name; nested names are qualified (`Outer › branch 1 › Inner`). */
export interface NamedTask {
  readonly name: string;
  readonly state: TaskState;
}

/** What every rule needs besides the definition: the manifests' facts and the business errors. */
export interface RuleContext {
  readonly definition: AslDefinition;
  readonly tasks: readonly NamedTask[];
  readonly manifests: ReadonlyMap<string, TaskManifest>;
  readonly businessErrors: ReadonlySet<string>;
  /** Forward step → the state that undoes it (from the manifests' `compensates`). */
  readonly compensatorOf: ReadonlyMap<string, string>;
  readonly compensations: ReadonlySet<string>;
  /** Every path an execution can take (computed once, on first use; throws on an unwalkable definition). */
  readonly paths: () => readonly StatePath[];
  /** The saga's landmarks: the fence, where give-ups are noted, the kinds of Fail state. */
  readonly saga: () => SagaShape;
}

export type RuleCheck = (context: RuleContext) => RuleViolation[];

export type RuleChecks = { readonly [K in RuleId]?: RuleCheck };
