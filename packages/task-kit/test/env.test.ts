import { defineFunction } from "@orderflow/domain";
import { describe, expect, it } from "vitest";
import { manifestEnv, readEnv, tableNamesFor } from "../src";

const manifest = defineFunction({
  name: "example",
  description: "example",
  memoryMb: 256,
  timeoutSeconds: 5,
  tables: { inventory: ["GetItem"], reservations: ["PutItem"] },
  env: {
    SUPPORTED_COUNTRIES: { description: "where we ship", default: "DE" },
    GATEWAY: { description: "no default" },
  },
});

describe("environment", () => {
  it("names every missing variable at once", () => {
    expect(() => readEnv(["A", "B", "C"], { B: "b" })).toThrow("missing environment variables A, C");
  });

  it("reads table names from <TABLE>_TABLE_NAME for exactly the declared tables", () => {
    const names = tableNamesFor(manifest, { INVENTORY_TABLE_NAME: "inv", RESERVATIONS_TABLE_NAME: "res" });
    expect(names).toEqual({ inventory: "inv", reservations: "res" });
    expect(() => tableNamesFor(manifest, { INVENTORY_TABLE_NAME: "inv" })).toThrow(
      "missing environment variable RESERVATIONS_TABLE_NAME",
    );
  });

  it("falls back to a variable's declared default, and fails on one without", () => {
    expect(manifestEnv(manifest, { GATEWAY: "sandbox" })).toEqual({
      SUPPORTED_COUNTRIES: "DE",
      GATEWAY: "sandbox",
    });
    expect(() => manifestEnv(manifest, {})).toThrow("missing environment variable GATEWAY");
  });

  it("leaves an optional variable out when unset and passes it when set", () => {
    // Prepare
    const withOptional = defineFunction({
      ...manifest,
      env: { ...manifest.env, KEY_PARAMETER_NAME: { description: "only some gateways", optional: true } },
    });

    // Act
    const unset = manifestEnv(withOptional, { GATEWAY: "sandbox" });
    const set = manifestEnv(withOptional, { GATEWAY: "stripe", KEY_PARAMETER_NAME: "/shop/key" });

    // Assess
    expect(unset.KEY_PARAMETER_NAME).toBeUndefined();
    expect(set).toEqual({ SUPPORTED_COUNTRIES: "DE", GATEWAY: "stripe", KEY_PARAMETER_NAME: "/shop/key" });
    expect(() => manifestEnv(withOptional, { KEY_PARAMETER_NAME: "/shop/key" })).toThrow(
      "missing environment variable GATEWAY",
    );
  });
});
