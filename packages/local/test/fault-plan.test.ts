import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FAULT_OUTCOMES, FaultSchedule, InvalidFaultPlan, parseFaultPlan } from "../src/runtime/fault-plan";

const STATES = ["ValidateOrder", "ChargePayment", "RefundPayment"];

describe("parseFaultPlan", () => {
  it("accepts outcomes for known states", () => {
    // Prepare
    const plan = { ChargePayment: ["transient", "ok", "error"], RefundPayment: ["timeout"] };

    // Act
    const parsed = parseFaultPlan(plan, STATES);

    // Assess
    expect(parsed).toEqual(plan);
  });

  it("refuses an unknown state, naming it and the valid states", () => {
    // Prepare
    const plan = { ChargePayments: ["transient"] };

    // Act
    const parse = () => parseFaultPlan(plan, STATES);

    // Assess
    expect(parse).toThrow(InvalidFaultPlan);
    expect(parse).toThrow(
      /unknown state "ChargePayments"; valid states: ValidateOrder, ChargePayment, RefundPayment/,
    );
  });

  it("refuses an unknown outcome, naming where it is", () => {
    // Prepare
    const plan = { ChargePayment: ["ok", "explode"] };

    // Act
    const parse = () => parseFaultPlan(plan, STATES);

    // Assess
    expect(parse).toThrow(
      /ChargePayment\[1\]: must be one of ok, transient, error, timeout, lost, crash, late, twice/,
    );
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])(
    "refuses %s as an unknown state instead of dropping it or reaching the prototype",
    (key) => {
      // Prepare: JSON.parse makes the key an own property, as a plan file would
      const plan = JSON.parse(`{"ChargePayment":["lost"],"${key}":["crash"]}`);

      // Act
      const parse = () => parseFaultPlan(plan, STATES);

      // Assess
      expect(parse).toThrow(InvalidFaultPlan);
      expect(parse).toThrow(`unknown state "${key}"`);
    },
  );

  it("hands out ok for a state named like an Object method when the plan does not name it", () => {
    expect(new FaultSchedule(parseFaultPlan({}, STATES)).next("constructor")).toBe("ok");
  });

  it("refuses a plan that is not an object of lists", () => {
    // Prepare
    const plans = [[], "transient", { ChargePayment: "transient" }];

    // Act
    const outcomes = plans.map((plan) => () => parseFaultPlan(plan, STATES));

    // Assess
    for (const parse of outcomes) expect(parse).toThrow(InvalidFaultPlan);
  });
});

describe("FaultSchedule", () => {
  it("hands out each state's outcomes in order, then ok", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FAULT_OUTCOMES), { maxLength: 6 }),
        fc.nat({ max: 4 }),
        (outcomes, extra) => {
          // Prepare
          const schedule = new FaultSchedule({ ChargePayment: outcomes });

          // Act
          const drawn = Array.from({ length: outcomes.length + extra }, () => schedule.next("ChargePayment"));

          // Assess
          expect(drawn).toEqual([...outcomes, ...Array(extra).fill("ok")]);
          expect(schedule.next("ValidateOrder")).toBe("ok");
        },
      ),
    );
  });
});
