import { describe, expect, it } from "vitest";
import { SHIPPING_ENV, supportedCountries } from "../src";

describe("supportedCountries", () => {
  it("reads the default setting as the eight countries it lists, in order", () => {
    // Act
    const countries = supportedCountries(SHIPPING_ENV.SUPPORTED_COUNTRIES.default);

    // Assess
    expect(countries).toEqual(["DE", "AT", "NL", "BE", "FR", "PT", "ES", "IT"]);
  });

  it("trims, upper-cases and drops empty entries and repeats, keeping the configured order", () => {
    // Act
    const countries = supportedCountries(" pt, de ,,DE, at ,");

    // Assess
    expect(countries).toEqual(["PT", "DE", "AT"]);
  });

  it.each([
    ["a country name", "DE,Germany", "GERMANY"],
    ["a region code", "DE,EU", "EU"],
    ["a user-assigned code", "ZZ,AT,XK", "ZZ, XK"],
    ["a three-letter code", "DEU", "DEU"],
  ])("refuses %s, naming every wrong code", (_, setting, named) => {
    // Act / Assess
    expect(() => supportedCountries(setting)).toThrow(
      `SUPPORTED_COUNTRIES must list ISO 3166-1 alpha-2 country codes separated by commas, such as DE,AT,NL; not country codes: ${named}`,
    );
  });

  it.each([
    ["empty", ""],
    ["only commas and spaces", " , ,"],
  ])("refuses a setting that is %s, saying it lists none", (_, setting) => {
    // Act / Assess
    expect(() => supportedCountries(setting)).toThrow(
      "SUPPORTED_COUNTRIES must list ISO 3166-1 alpha-2 country codes separated by commas, such as DE,AT,NL; it lists none",
    );
  });
});
