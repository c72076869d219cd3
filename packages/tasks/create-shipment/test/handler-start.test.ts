import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { freshItems, shipmentTables } from "./tables";

const db = await useLocalTables(["orders", "shipments", "reservations", "inventory"]);
const tables = shipmentTables(db);

describe("create-shipment handler start", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("ships to the countries SUPPORTED_COUNTRIES lists, with the CARRIER named", async () => {
    // Prepare
    vi.stubEnv("SUPPORTED_COUNTRIES", "US,CA");
    vi.stubEnv("CARRIER", "UPS");
    const { handler } = await import("../src/handler");
    const american = await tables.reservedOrder(freshItems(2), {}, { country: "US" });
    const german = await tables.reservedOrder();

    // Act
    const shipped = await handler(american.input);
    const refused = handler(german.input);

    // Assess
    expect(shipped).toMatchObject({ carrier: "UPS", trackingNumber: expect.stringMatching(/^UPS\d{12}$/) });
    await expect(refused).rejects.toThrow("we do not ship to DE; supported countries: US, CA");
  });

  it("fails at start when SUPPORTED_COUNTRIES holds something that is not a country code", async () => {
    // Prepare
    vi.stubEnv("SUPPORTED_COUNTRIES", "DE,Austria");

    // Act
    const loading = import("../src/handler");

    // Assess
    await expect(loading).rejects.toThrow("SUPPORTED_COUNTRIES must list ISO 3166-1 alpha-2 country codes");
  });

  it("fails at start naming every table variable that is missing", async () => {
    // Prepare
    vi.stubEnv("ORDERS_TABLE_NAME", "");
    vi.stubEnv("SHIPMENTS_TABLE_NAME", "");
    vi.stubEnv("INVENTORY_TABLE_NAME", "");

    // Act
    const loading = import("../src/handler");

    // Assess
    await expect(loading).rejects.toThrow(
      "missing environment variables ORDERS_TABLE_NAME, SHIPMENTS_TABLE_NAME, INVENTORY_TABLE_NAME",
    );
  });
});
