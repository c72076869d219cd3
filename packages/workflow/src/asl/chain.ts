import { AslBuildError, type StateNode } from "./node";

const CANNOT_CONTINUE = new Set(["Choice", "Succeed", "Fail"]);

/**
 * Links each node to the one after it (`Next`), returning the linked copies. A node that already
 * continues somewhere, or cannot continue at all (Choice, Succeed, Fail), is a mistake in the chain.
 */
export function chain(...nodes: readonly StateNode[]): StateNode[] {
  return nodes.map((node, index) => {
    const following = nodes[index + 1];
    if (following === undefined) return node;
    if (CANNOT_CONTINUE.has(node.state.Type)) {
      throw new AslBuildError(
        node.name,
        `a ${node.state.Type} state cannot be followed by "${following.name}"`,
      );
    }
    const state = node.state as { Next?: string; End?: true };
    if (state.Next !== undefined || state.End) {
      const current = state.Next === undefined ? "End" : `"${state.Next}"`;
      throw new AslBuildError(node.name, `already continues to ${current}, cannot chain "${following.name}"`);
    }
    return { name: node.name, state: { ...node.state, Next: following.name } } as StateNode;
  });
}
