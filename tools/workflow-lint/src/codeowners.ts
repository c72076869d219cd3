/**
 * A reader for GitHub's CODEOWNERS: gitignore-style patterns, one rule per line, and the LAST matching
 * rule decides the owners of a path (so specific rules go below general ones).
 */

export interface OwnerRule {
  readonly pattern: string;
  readonly owners: readonly string[];
  /** 1-based line in the file, for messages. */
  readonly line: number;
}

/** `@org/team`, `@user` or an e-mail address: what GitHub accepts as an owner. */
const OWNER = /^(?:@[A-Za-z0-9-]+(?:\/[A-Za-z0-9_-]+)?|[^@\s]+@[^@\s]+)$/;

/** The rules of a CODEOWNERS file; throws naming the line for an owner GitHub would not accept. */
export function parseCodeowners(text: string): OwnerRule[] {
  const rules: OwnerRule[] = [];
  text.split("\n").forEach((raw, index) => {
    const content = raw.replace(/(^|\s)#.*$/, "").trim();
    if (content === "") return;
    const [pattern, ...owners] = content.split(/\s+/) as [string, ...string[]];
    const bad = owners.find((owner) => !OWNER.test(owner));
    if (bad) throw new Error(`CODEOWNERS line ${index + 1}: "${bad}" is not an @org/team, @user or e-mail`);
    rules.push({ pattern, owners, line: index + 1 });
  });
  return rules;
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The pattern as a regular expression over repository-relative paths. Anchored to the root when it starts
 * with `/` or has a `/` inside; otherwise it matches at any depth. A match also covers everything below a
 * matched directory. `*` stays within one path segment, `**` crosses segments.
 */
export function patternToRegex(pattern: string): RegExp {
  const anchored = pattern.startsWith("/") || pattern.slice(0, -1).includes("/");
  const dirOnly = pattern.endsWith("/");
  const body = pattern
    .replace(/^\//, "")
    .replace(/\/$/, "")
    .split("**")
    .map((part) => part.split("*").map(escapeRegex).join("[^/]*"))
    .join(".*");
  const start = anchored ? "^" : "^(?:.*/)?";
  const end = dirOnly ? "/.*$" : "(?:/.*)?$";
  return new RegExp(`${start}${body}${end}`);
}

/** The rule that decides who owns `path` (the last match), or undefined when none matches. */
export function ruleFor(rules: readonly OwnerRule[], path: string): OwnerRule | undefined {
  let decided: OwnerRule | undefined;
  for (const rule of rules) if (patternToRegex(rule.pattern).test(path)) decided = rule;
  return decided;
}

/**
 * The owners a README names after its `Owners:` label, up to the end of that paragraph
 * (`Owners: **@orderflow/payments-team**.`), or undefined when it has no such label.
 */
export function ownersNamedIn(readme: string): string[] | undefined {
  const start = readme.search(/\bOwners?:/);
  if (start === -1) return undefined;
  const paragraphEnd = readme.indexOf("\n\n", start);
  const paragraph = readme.slice(start, paragraphEnd === -1 ? undefined : paragraphEnd);
  return [...paragraph.matchAll(/@[A-Za-z0-9-]+\/[A-Za-z0-9_-]+/g)].map((match) => match[0]);
}

/** A registered package whose CODEOWNERS rule gives it to other owners than its package.json names. */
export interface OwnerMismatch {
  readonly dir: string;
  readonly registered: readonly string[];
  readonly codeowners: readonly string[] | undefined;
}

/**
 * Packages whose CODEOWNERS owners differ from the owners they register (package.json
 * `orderflow.owners`, read by @orderflow/task-registry): the rule must name exactly those.
 */
export function ownerMismatches(
  rules: readonly OwnerRule[],
  packages: readonly { readonly dir: string; readonly owners: readonly string[] }[],
): OwnerMismatch[] {
  return packages.flatMap(({ dir, owners }) => {
    const rule = ruleFor(rules, `${dir}/package.json`);
    const own = rule && rule.pattern !== "*" ? rule.owners : undefined;
    return JSON.stringify(own) === JSON.stringify(owners)
      ? []
      : [{ dir, registered: owners, codeowners: own }];
  });
}
