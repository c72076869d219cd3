import type { AslDefinition } from "../asl";
import type { StatePath } from "./paths";
import { catchOrigin, caughtErrors } from "./saga-shape";
import type { RuleViolation } from "./types";

/** A path as a reader follows it: where it was caught, and the states after. */
export function describePath(definition: AslDefinition, path: StatePath, origin = catchOrigin(path)): string {
  const hop = path.hops[origin];
  if (hop === undefined) return path.hops.map((h) => h.state).join(" → ");
  const errors = caughtErrors(definition, path, origin);
  const after = path.hops.slice(origin + 1).map((h) => h.state);
  return `Catch[${hop.exit?.index}] (${errors.join(", ")}) → ${after.join(" → ") || path.end}`;
}

/** One violation per distinct message: many paths share a mistake. */
export function unique(violations: RuleViolation[]): RuleViolation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.state}|${v.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
