import { CONFIG_NAMESPACE } from "./namespace";

/**
 * The command that sets one `orderflow:*` key, for messages about a value the stack file lacks. Nested
 * keys and list items (`apiAuth.issuer`, `containerSubnetIds[0]`) need Pulumi's `--path`.
 */
export function configSetCommand(key: string, value: string, stack: string): string {
  const full = `${CONFIG_NAMESPACE}:${key}`;
  const nested = /[.[]/.test(key);
  return `pulumi config set ${nested ? `--path '${full}'` : full} ${value} -s ${stack}`;
}
