import { describe, expect, it } from "vitest";
import { LateInvocations } from "../src/runtime/late-invocations";
import type { EngineEvent } from "../src/runtime/trace";

const event = (type: "StateEntered" | "StateExited" | "StateCaught", name: string) =>
  ({ type, timestamp: 0, state: { name, type: "Task", input: {} } }) as EngineEvent;

describe("LateInvocations", () => {
  it("starts a late invocation only once the state after the one that gave up on it has been left", () => {
    // Prepare
    const late = new LateInvocations();
    const ran: string[] = [];
    late.add("ReserveInventory", async () => void ran.push("reserve"));

    // Act / Assess: the faulted state's own retries and exit change nothing
    late.observe(event("StateExited", "ReserveInventory"));
    late.observe(event("StateEntered", "ReleaseInventory"));
    expect(ran).toEqual([]);
    late.observe(event("StateExited", "ReleaseInventory"));
    expect(ran).toEqual(["reserve"]);
  });

  it("counts a caught next state as left", () => {
    // Prepare
    const late = new LateInvocations();
    const ran: string[] = [];
    late.add("CreateShipment", async () => void ran.push("ship"));

    // Act
    late.observe(event("StateEntered", "ReleaseInventory"));
    late.observe(event("StateCaught", "ReleaseInventory"));

    // Assess
    expect(ran).toEqual(["ship"]);
  });

  it("runs what is still waiting when the execution ends first, and waits for all of it", async () => {
    // Prepare
    const late = new LateInvocations();
    const finished: string[] = [];
    late.add(
      "ChargePayment",
      () => new Promise((resolve) => setTimeout(() => resolve(finished.push("charge")), 5)),
    );
    late.add("RefundPayment", async () => {
      throw new Error("nobody hears this");
    });

    // Act
    await late.drain();

    // Assess
    expect(finished).toEqual(["charge"]);
  });
});
