import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shipmentIdFor, trackingNumberFor } from "../src/tracking";

const orderId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);

describe("tracking numbers and shipment ids", () => {
  it("derive the same values from the same order id, so every run names the same shipment", () => {
    fc.assert(
      fc.property(orderId, (id) => {
        // Act / Assess
        expect(trackingNumberFor("DHL", id)).toBe(trackingNumberFor("DHL", id));
        expect(shipmentIdFor(id)).toBe(shipmentIdFor(id));
      }),
    );
  });

  it("are the carrier prefix plus twelve digits, and a 20-hex-digit shipment id", () => {
    fc.assert(
      fc.property(orderId, (id) => {
        // Act / Assess
        expect(trackingNumberFor("DHL", id)).toMatch(/^DHL\d{12}$/);
        expect(shipmentIdFor(id)).toMatch(/^shp_[0-9a-f]{20}$/);
      }),
    );
  });

  it("differ between different orders", () => {
    fc.assert(
      fc.property(orderId, orderId, (a, b) => {
        fc.pre(a !== b);
        // Act / Assess
        expect(trackingNumberFor("DHL", a)).not.toBe(trackingNumberFor("DHL", b));
        expect(shipmentIdFor(a)).not.toBe(shipmentIdFor(b));
      }),
    );
  });

  it.each([
    ["DHL", "DHL"],
    ["ups", "UPS"],
    ["Deutsche Post", "DEUT"],
    ["G.L.S.", "GLS"],
  ])("prefix %j tracking numbers with %s", (carrier, prefix) => {
    // Act
    const tracking = trackingNumberFor(carrier, "ord_1");

    // Assess
    expect(tracking.slice(0, -12)).toBe(prefix);
  });
});
