/** The README's performance block lies between these markers; everything else in the README is people's. */
export const BLOCK_BEGIN = "<!-- performance:begin (pnpm bench writes this table; do not edit by hand) -->";
export const BLOCK_END = "<!-- performance:end -->";

/** The block's current content, without its markers. */
export function readBlock(readme: string): string {
  const begin = readme.indexOf(BLOCK_BEGIN);
  const end = readme.indexOf(BLOCK_END);
  if (begin < 0 || end < begin)
    throw new Error(`README.md has no block between "${BLOCK_BEGIN}" and "${BLOCK_END}"`);
  return readme.slice(begin + BLOCK_BEGIN.length, end).trim();
}

/** The README with its block's content replaced by `content`. */
export function replaceBlock(readme: string, content: string): string {
  readBlock(readme);
  const head = readme.slice(0, readme.indexOf(BLOCK_BEGIN) + BLOCK_BEGIN.length);
  return `${head}\n${content}\n${readme.slice(readme.indexOf(BLOCK_END))}`;
}
