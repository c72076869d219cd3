// Its own module (not address.ts): the shipping setting checks country codes without the address schema.

/**
 * The two-letter region codes CLDR names that ISO 3166-1 assigns to a country, as the second letters for
 * each first letter A to Z: `"DEFG…"` at index 0 stands for AD, AE, AF, AG and so on. CLDR's region list
 * less the codes it knows that ISO 3166-1 does not assign to a country (EU, UN, exceptionally reserved and
 * user-assigned codes); withdrawn codes CLDR still names (UK, SU, YU…) stay accepted. A table, not
 * `Intl.DisplayNames`: the first Intl object of a process costs a cold start more than ten milliseconds of
 * ICU set-up. A test holds the table to the runtime's CLDR data.
 */
const SECOND_LETTERS: readonly string[] = [
  "DEFGILMNOQRSTUWXZ",
  "ABDEFGHIJLMNOQRSTUVWYZ",
  "ACDFGHIKLMNORSUVWXYZ",
  "DEJKMOYZ",
  "CEGHRST",
  "IJKMORX",
  "ABDEFGHILMNPQRSTUWY",
  "KMNRTUV",
  "DELMNOQRST",
  "EMOP",
  "EGHIMNPRWYZ",
  "ABCIKRSTUVY",
  "ACDEFGHKLMNOPQRSTUVWXYZ",
  "ACEFGHILOPRUZ",
  "M",
  "AEFGHKLMNRSTWY",
  "A",
  "EHOSUW",
  "ABCDEGHIJKLMNORSTUVXYZ",
  "CDFGHJKLMNOPRTVWZ",
  "AGKMSYZ",
  "ACDEGINU",
  "FS",
  "",
  "DETU",
  "AMRW",
];

/** Whether `code` is an ISO 3166-1 alpha-2 country code, in upper case: `DE` is, `de`, `EU` and `ZZ` are not. */
export function isIsoCountry(code: string): boolean {
  return (
    /^[A-Z]{2}$/.test(code) && (SECOND_LETTERS[code.charCodeAt(0) - 65] as string).includes(code[1] as string)
  );
}
