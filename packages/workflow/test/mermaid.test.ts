import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { orderWorkflow, sampleRefs, toMermaid } from "../src";
import { edgesOf } from "../src/asl";
import {
  GRAPH_FILES,
  GRAPH_WRITE_COMMAND,
  graphBlock,
  readGraphBlock,
  replaceGraphBlock,
} from "../src/docs/graph-docs";
import { definitions } from "./support";

const root = new URL("../../../", import.meta.url);

describe("toMermaid", () => {
  it.each(definitions())("draws every state and every transition ($name tasks)", ({ definition }) => {
    // Act
    const graph = toMermaid(definition);

    // Assess
    expect(graph.startsWith("flowchart TD\n  start((start)) --> ValidateOrder\n")).toBe(true);
    for (const [name, state] of Object.entries(definition.States)) {
      expect(graph).toContain(`  ${name}`);
      for (const edge of edgesOf(name, state)) {
        const line = {
          catch: `  ${name} -.->|${(edge.errors ?? []).join(", ")}| ${edge.to}`,
          next: `  ${name} --> ${edge.to}`,
          choice: `  ${name} -->|choice| ${edge.to}`,
          default: `  ${name} -->|default| ${edge.to}`,
        }[edge.kind];
        expect(graph.split("\n")).toContain(line);
      }
      if ("End" in state && state.End) expect(graph.split("\n")).toContain(`  ${name} --> finish`);
    }
  });

  it("draws the end of a Task with End, styles the successful end and the Fail states, labels catch edges", () => {
    const graph = toMermaid(orderWorkflow(sampleRefs)).split("\n");
    expect(graph).toContain('  finish(("end"))');
    expect(graph).toContain("  MarkCompleted --> finish");
    expect(graph).toContain("  class finish succeed");
    expect(graph).toContain("  class Rejected,Failed,NeedsAttention,RecordingFailed fail");
    expect(graph).toContain("  ChargePayment -.->|PaymentDeclined| ReleaseInventory");
    expect(graph).toContain("  CheckShipped -->|choice| GetShipment");
    expect(graph).toContain("  CheckShipped -->|default| RefundPayment");
    expect(graph).toContain('  CheckShipped{"CheckShipped"}');
    expect(graph).toContain('  HoldRefund("HoldRefund")');
  });

  it("has no end node when nothing ends with End, and never gives a state the end node's id", () => {
    const definition = {
      StartAt: "finish",
      States: { finish: { Type: "Pass" as const, Next: "Done" }, Done: { Type: "Succeed" as const } },
    };
    const graph = toMermaid(definition);
    expect(graph).not.toContain('(("end"))');
    expect(graph).toContain("  finish_ --> Done");
    expect(graph).toContain("  class Done succeed");
  });

  it("keeps node ids Mermaid accepts, whatever the state names", () => {
    const definition = {
      StartAt: "end",
      States: { end: { Type: "Pass" as const, Next: "a b" }, "a b": { Type: "Succeed" as const } },
    };
    const graph = toMermaid(definition);
    expect(graph).toContain("s_end --> a_b");
    expect(graph).toContain('a_b(["a b"])');
  });
});

describe("the committed workflow graph", () => {
  const fresh = toMermaid(orderWorkflow(sampleRefs));
  const stale = `${GRAPH_FILES.mermaid} is out of date with the workflow definition; run \`${GRAPH_WRITE_COMMAND}\` and commit the result`;

  it("docs/workflow.mmd matches the definition", async () => {
    const committed = await readFile(new URL(GRAPH_FILES.mermaid, root), "utf8");
    expect(committed, stale).toBe(fresh);
  });

  it.each(GRAPH_FILES.embedding)("%s embeds exactly that graph between the markers", async (name) => {
    const document = await readFile(new URL(name, root), "utf8");
    expect(readGraphBlock(document, name), stale.replace(GRAPH_FILES.mermaid, `The graph in ${name}`)).toBe(
      graphBlock(fresh),
    );
  });

  it("regenerating replaces only the marked block", () => {
    const readme = "# Title\n\n<!-- workflow-graph:start -->\nold\n<!-- workflow-graph:end -->\n\nAfter.\n";
    const updated = replaceGraphBlock(readme, "flowchart TD\n");
    expect(updated).toBe(
      "# Title\n\n<!-- workflow-graph:start -->\n```mermaid\nflowchart TD\n```\n<!-- workflow-graph:end -->\n\nAfter.\n",
    );
    expect(() => replaceGraphBlock("# no markers", "x", "NOTES.md")).toThrow(
      /NOTES.md has no "<!-- workflow-graph:start -->"/,
    );
  });
});
