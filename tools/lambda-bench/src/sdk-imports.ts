/**
 * Static imports, re-exports, dynamic imports and requires of `@aws-sdk/*` in (minified) JavaScript:
 * `import{X as y}from"@aws-sdk/client-sfn"`, `import("@aws-sdk/lib-dynamodb")`, `require('@aws-sdk/x')`.
 */
const SDK_SPECIFIER = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*(["'])(@aws-sdk\/[^"'\s]+)\1/g;

/** The `@aws-sdk/*` module specifiers a bundle loads (the SDK is external to our bundles), sorted. */
export function sdkImportsOf(bundle: string): string[] {
  const found = new Set<string>();
  for (const match of bundle.matchAll(SDK_SPECIFIER)) found.add(match[2] as string);
  return [...found].sort();
}
