import { AslBuildError } from "./node";

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A `States.Format` expression that renders the given fields as one JSON object string, e.g. for a
 * container's environment. JSONPath has no way to build an object inside an expression, so each value
 * is serialized with `States.JsonToString` and spliced into an escaped object template.
 *
 * @param fields key → JSONPath (`$.…` or `$$.…`) of the value
 */
export function jsonObjectString(fields: Readonly<Record<string, string>>): string {
  const entries = Object.entries(fields);
  if (entries.length === 0) throw new AslBuildError(undefined, "jsonObjectString needs at least one field");
  for (const [key, path] of entries) {
    if (!PLAIN_KEY.test(key))
      throw new AslBuildError(undefined, `jsonObjectString: key "${key}" is not a plain name`);
    if (!path.startsWith("$"))
      throw new AslBuildError(undefined, `jsonObjectString: "${path}" is not a JSONPath`);
  }
  // Braces are the placeholders of States.Format, so literal ones are escaped with a backslash.
  const template = `\\{${entries.map(([key]) => `"${key}":{}`).join(",")}\\}`;
  const values = entries.map(([, path]) => `States.JsonToString(${path})`);
  return `States.Format('${template}', ${values.join(", ")})`;
}
