import { GeneratorError } from "./generator-error";

export const CODEOWNERS_FILE = ".github/CODEOWNERS";

const TASK_RULE = /^\/packages\/tasks\/\S+\s+@/;

/** The CODEOWNERS pattern of a task package folder: `/packages/tasks/gift-wrap/`. */
export function ownerPattern(dir: string): string {
  return `/${dir}/`;
}

/**
 * CODEOWNERS with a rule giving `dir` to `team`, placed after the last task-package rule and aligned
 * with it (or at the end when there is none). Refuses when a rule for `dir` exists already, so a
 * leftover line is never silently overridden or duplicated.
 */
export function withOwnerRule(codeowners: string, dir: string, team: string): string {
  const pattern = ownerPattern(dir);
  const lines = codeowners.split("\n");
  const existing = lines.findIndex((line) => {
    const first = line.trim().split(/\s+/)[0];
    return first === pattern || first === pattern.slice(0, -1);
  });
  if (existing !== -1) {
    throw new GeneratorError(
      `${CODEOWNERS_FILE} already has a rule for ${pattern} (line ${existing + 1}); remove it or choose another name`,
    );
  }
  const lastTask = lines.findLastIndex((line) => TASK_RULE.test(line));
  if (lastTask === -1) {
    const body = codeowners.endsWith("\n") || codeowners === "" ? codeowners : `${codeowners}\n`;
    return `${body}${pattern} ${team}\n`;
  }
  const ownerColumn = (lines[lastTask] as string).search(/\s@/) + 1;
  const rule = `${pattern.padEnd(Math.max(ownerColumn, pattern.length + 1))}${team}`;
  return [...lines.slice(0, lastTask + 1), rule, ...lines.slice(lastTask + 1)].join("\n");
}
