import { localDefinition } from "@orderflow/local";
import { describe, expect, it } from "vitest";
import { layoutGraph } from "../src/console/graph-layout";
import { graphSvg } from "../src/console/graph-svg";

const { definition } = localDefinition();

describe("the workflow graph of the console", () => {
  it("keeps the path through Next in the first column, one layer per step", () => {
    // Act
    const { nodes } = layoutGraph(definition);

    // Assess
    const happy = ["ValidateOrder", "ReserveInventory", "ChargePayment", "CreateShipment"];
    const placed = happy.map((name) => nodes.find((n) => n.name === name));
    expect(placed.map((n) => n?.column)).toEqual([0, 0, 0, 0]);
    expect(placed.map((n) => n?.layer)).toEqual([0, 1, 2, 3]);
  });

  it("places every state below each state that leads to it, none on top of another", () => {
    // Act
    const { nodes, edges } = layoutGraph(definition);

    // Assess
    const byName = new Map(nodes.map((n) => [n.name, n]));
    expect(nodes).toHaveLength(Object.keys(definition.States).length);
    for (const edge of edges)
      expect((byName.get(edge.to)?.layer ?? -1) > (byName.get(edge.from)?.layer ?? 0)).toBe(true);
    expect(new Set(nodes.map((n) => `${n.x},${n.y}`)).size).toBe(nodes.length);
  });

  it("draws one node per state and one path per transition, dashed for Catch", () => {
    // Act
    const svg = graphSvg(definition);

    // Assess
    const states = [...svg.matchAll(/<g class="state [a-z]+" data-state="([^"]+)"/g)].map((m) => m[1]);
    expect(states.sort()).toEqual(Object.keys(definition.States).sort());
    expect(svg).toContain('class="edge catch" data-from="ChargePayment" data-to="ReleaseInventory"');
    expect(svg).toContain('class="edge next" data-from="ValidateOrder" data-to="ReserveInventory"');
  });

  it("lays out a loop without placing a state above itself", () => {
    // Prepare
    const loop = {
      StartAt: "A",
      States: {
        A: { Type: "Pass", Next: "B" },
        B: {
          Type: "Choice",
          Choices: [{ Variable: "$.again", BooleanEquals: true, Next: "A" }],
          Default: "C",
        },
        C: { Type: "Succeed" },
      },
    } as never;

    // Act
    const { nodes } = layoutGraph(loop);

    // Assess
    expect(nodes.map((n) => [n.name, n.layer])).toEqual([
      ["A", 0],
      ["B", 1],
      ["C", 2],
    ]);
  });
});
