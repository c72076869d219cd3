import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type AslDiff, diffAsl } from "./asl-diff";
import { compareText } from "./field-changes";
import { diffResources, type ResourceDiff } from "./resource-diff";
import { parseSynthFile, type SynthFile, stateMachinesOf } from "./synth-file";

/** What one stack's synth looks like on each side; a stack missing on one side was added or removed. */
export interface StackDiff {
  readonly stack: string;
  readonly status: "compared" | "new" | "removed";
  readonly resources: ResourceDiff;
  /** Per state machine, by name. */
  readonly stateMachines: ReadonlyMap<string, AslDiff>;
}

/** The synth files of one folder by stack name (`dev.json` → `dev`); a missing folder holds none. */
export async function readSynthFolder(folder: string): Promise<Map<string, SynthFile>> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Map();
    throw error;
  }
  const stacks = new Map<string, SynthFile>();
  for (const name of names.filter((file) => file.endsWith(".json")).sort(compareText)) {
    const path = join(folder, name);
    stacks.set(name.slice(0, -".json".length), parseSynthFile(await readFile(path, "utf8"), path));
  }
  return stacks;
}

function diffStateMachines(base: SynthFile | undefined, head: SynthFile | undefined): Map<string, AslDiff> {
  const before = base ? stateMachinesOf(base) : new Map();
  const after = head ? stateMachinesOf(head) : new Map();
  const names = [...new Set([...before.keys(), ...after.keys()])].sort(compareText);
  return new Map(names.map((name) => [name, diffAsl(before.get(name), after.get(name))]));
}

/** The order environments are promoted in; other stacks follow by name. */
const PROMOTION_ORDER = ["dev", "staging", "prod"];

function compareStacks(a: string, b: string): number {
  const rank = (stack: string) => {
    const index = PROMOTION_ORDER.indexOf(stack);
    return index === -1 ? PROMOTION_ORDER.length : index;
  };
  return rank(a) - rank(b) || compareText(a, b);
}

/** Compares each stack present on either side: dev, staging, prod first, then the rest by name. */
export function diffStacks(
  base: ReadonlyMap<string, SynthFile>,
  head: ReadonlyMap<string, SynthFile>,
): StackDiff[] {
  const stacks = [...new Set([...base.keys(), ...head.keys()])].sort(compareStacks);
  return stacks.map((stack) => {
    const before = base.get(stack);
    const after = head.get(stack);
    return {
      stack,
      status: !before ? "new" : !after ? "removed" : "compared",
      resources: diffResources(before?.resources ?? [], after?.resources ?? []),
      stateMachines: diffStateMachines(before, after),
    };
  });
}
