import { describe, expect, it } from "vitest";
import { isIsoCountry } from "../src";

// Codes CLDR names as regions that ISO 3166-1 does not assign to a country: EU, UN, exceptionally reserved
// and user-assigned codes.
const NOT_ISO_COUNTRIES = [
  "AC",
  "CP",
  "CQ",
  "DG",
  "EA",
  "EU",
  "EZ",
  "IC",
  "QO",
  "TA",
  "UN",
  "XA",
  "XB",
  "XK",
  "ZZ",
];

const LETTERS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"];
const EVERY_CODE = LETTERS.flatMap((first) => LETTERS.map((second) => first + second));

describe("isIsoCountry", () => {
  it("accepts exactly the regions the runtime's CLDR names, less those ISO 3166-1 does not assign", () => {
    // Prepare
    const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
    const named = EVERY_CODE.filter((c) => !NOT_ISO_COUNTRIES.includes(c) && regionNames.of(c) !== undefined);

    // Act
    const accepted = EVERY_CODE.filter(isIsoCountry);

    // Assess
    expect(accepted).toEqual(named);
    expect(accepted).toEqual(expect.arrayContaining(["DE", "GB", "US", "JP", "BR", "AX", "ZW"]));
  });

  it.each(["de", "De", "D", "DEU", "", " DE", "DE ", "D1", "[A", "Z["])("refuses %j", (code) => {
    expect(isIsoCountry(code)).toBe(false);
  });
});
