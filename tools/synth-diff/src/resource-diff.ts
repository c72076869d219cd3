import { compareText, type FieldChange, fieldChanges } from "./field-changes";
import type { SynthResource } from "./synth-file";

export interface ResourceRef {
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
}

export interface ChangedResource extends ResourceRef {
  readonly fields: readonly FieldChange[];
}

export interface ResourceDiff {
  readonly added: readonly ResourceRef[];
  readonly changed: readonly ChangedResource[];
  readonly removed: readonly ResourceRef[];
}

/**
 * Identity as Pulumi sees it: its URN is built from the parent chain, the type and the name, so a resource
 * that moves to another parent is a replacement and shows here as removed plus added.
 */
function identity(resource: SynthResource): string {
  return `${resource.parent ?? ""}\u0000${resource.type}\u0000${resource.name}`;
}

function refOf(resource: SynthResource): ResourceRef {
  const { type, name, parent } = resource;
  return parent ? { type, name, parent } : { type, name };
}

function byIdentity(resources: readonly SynthResource[]): Map<string, SynthResource> {
  return new Map(resources.map((resource) => [identity(resource), resource]));
}

function compareRefs(a: ResourceRef, b: ResourceRef): number {
  return (
    compareText(a.type, b.type) || compareText(a.name, b.name) || compareText(a.parent ?? "", b.parent ?? "")
  );
}

/** Resources added, removed, and changed (by input), each list sorted by type then name. */
export function diffResources(base: readonly SynthResource[], head: readonly SynthResource[]): ResourceDiff {
  const before = byIdentity(base);
  const after = byIdentity(head);
  const added: ResourceRef[] = [];
  const changed: ChangedResource[] = [];
  const removed: ResourceRef[] = [];
  for (const [key, resource] of after) {
    const previous = before.get(key);
    if (!previous) {
      added.push(refOf(resource));
      continue;
    }
    const fields = fieldChanges(previous.inputs, resource.inputs);
    if (fields.length > 0) changed.push({ ...refOf(resource), fields });
  }
  for (const [key, resource] of before) if (!after.has(key)) removed.push(refOf(resource));
  return {
    added: added.sort(compareRefs),
    changed: changed.sort(compareRefs),
    removed: removed.sort(compareRefs),
  };
}
