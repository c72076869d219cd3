import { describe, expect, it } from "vitest";
import { parseSynthFile, STATE_MACHINE_TYPE, type SynthFile, stateMachinesOf } from "../src";

const asl = (start: string) => ({ StartAt: start, States: { [start]: { Type: "Succeed" } } });
const machine = (name: string, definition: unknown) => ({
  type: STATE_MACHINE_TYPE,
  name,
  parent: null,
  inputs: { definition },
});

describe("parseSynthFile", () => {
  it("names the file and the problem when the text is not JSON", () => {
    expect(() => parseSynthFile("{", "base/dev.json")).toThrow(/^base\/dev\.json is not JSON: /);
  });

  it("names the file and the field when the shape is wrong", () => {
    expect(() => parseSynthFile('{"resources":[{"name":"x"}]}', "head/prod.json")).toThrow(
      "head/prod.json is not a synth file: resources.0.type",
    );
  });

  it("accepts a synth with extra top-level fields and resources without inputs", () => {
    const synth = parseSynthFile('{"version":1,"resources":[{"type":"t","name":"n"}]}', "x.json");
    expect(synth.resources).toEqual([{ type: "t", name: "n", inputs: {} }]);
  });
});

describe("stateMachinesOf", () => {
  it("uses the named definitions when the synth lists them", () => {
    // Prepare
    const synth: SynthFile = {
      resources: [machine("orders", JSON.stringify(asl("FromResource")))],
      stateMachines: { orders: asl("Named") },
      asl: asl("Single"),
    };

    // Act
    const machines = stateMachinesOf(synth);

    // Assess
    expect([...machines]).toEqual([["orders", asl("Named")]]);
  });

  it("names the single rendered ASL after the one state-machine resource", () => {
    const synth: SynthFile = { resources: [machine("orders", "[unknown]")], asl: JSON.stringify(asl("A")) };
    expect([...stateMachinesOf(synth)]).toEqual([["orders", asl("A")]]);
  });

  it("reads infra's stateMachineDefinition like the single rendered ASL", () => {
    const synth: SynthFile = {
      resources: [machine("order-workflow-state-machine", "{}")],
      stateMachineDefinition: asl("Validate"),
    };
    expect([...stateMachinesOf(synth)]).toEqual([["order-workflow-state-machine", asl("Validate")]]);
  });

  it("falls back to each state-machine resource's definition input", () => {
    const synth: SynthFile = {
      resources: [machine("a", JSON.stringify(asl("A"))), machine("b", asl("B")), machine("c", "[unknown]")],
    };
    expect([...stateMachinesOf(synth).keys()]).toEqual(["a", "b"]);
  });
});
