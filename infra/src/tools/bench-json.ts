/** A bench result as the repository's formatter (Biome) writes JSON: number lists on one line. */
export function benchJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2).replace(
    /\[\s+([-\d.,\s]+?)\s+\]/g,
    (_, items: string) => `[${items.split(/,\s*/).join(", ")}]`,
  );
  return `${json}\n`;
}
