import { describe, expect, it } from "vitest";
import { shippingConfig } from "../src/config";
import { task } from "../src/task";

const defaults = {
  SUPPORTED_COUNTRIES: task.env.SUPPORTED_COUNTRIES.default,
  CARRIER: task.env.CARRIER.default,
};

describe("shippingConfig", () => {
  it("reads the manifest defaults", () => {
    // Act
    const config = shippingConfig(defaults);

    // Assess
    expect(config).toEqual({
      supportedCountries: ["DE", "AT", "NL", "BE", "FR", "PT", "ES", "IT"],
      carrier: "DHL",
    });
  });

  it("forgives spaces, lower case, empty entries and repeats in the country list", () => {
    // Act
    const config = shippingConfig({ ...defaults, SUPPORTED_COUNTRIES: " de, at,,DE " });

    // Assess
    expect(config.supportedCountries).toEqual(["DE", "AT"]);
  });

  it("names every entry that is not a country code", () => {
    // Act / Assess
    expect(() => shippingConfig({ ...defaults, SUPPORTED_COUNTRIES: "DE,Germany,EU" })).toThrow(
      "SUPPORTED_COUNTRIES must list ISO 3166-1 alpha-2 country codes separated by commas, such as DE,AT,NL; not country codes: GERMANY, EU",
    );
  });

  it.each([" ", ",,"])("refuses a country list without countries (%j)", (list) => {
    // Act / Assess
    expect(() => shippingConfig({ ...defaults, SUPPORTED_COUNTRIES: list })).toThrow("; it lists none");
  });

  it("refuses a carrier name without letters or digits, since it prefixes tracking numbers", () => {
    // Act / Assess
    expect(() => shippingConfig({ ...defaults, CARRIER: " - " })).toThrow("CARRIER must name the carrier");
  });
});
