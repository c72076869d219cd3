export {
  type AslDiff,
  type ChangedState,
  diffAsl,
  flattenStates,
  isEmptyAslDiff,
  type StateRef,
} from "./asl-diff";
export { type FieldChange, fieldChanges, stableJson } from "./field-changes";
export { COMMENT_MARKER, MAX_COMMENT_CHARS, type RenderOptions, renderMarkdown } from "./markdown";
export { type ChangedResource, diffResources, type ResourceDiff, type ResourceRef } from "./resource-diff";
export { type CliIo, runCli } from "./run-cli";
export { diffStacks, readSynthFolder, type StackDiff } from "./stack-diff";
export {
  parseSynthFile,
  STATE_MACHINE_TYPE,
  SynthFile,
  SynthResource,
  stateMachinesOf,
} from "./synth-file";
