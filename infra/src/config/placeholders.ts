/**
 * Host names reserved for documentation and for this machine (RFC 2606, RFC 6761). A staging or
 * production stack configured with one deploys without complaint and then fails quietly: every JWT route
 * answers 401, no browser origin matches, the alarm e-mail is never confirmed. Hence the tiers refuse them.
 */
export const PLACEHOLDER_DOMAINS = ["example.com", "example.net", "example.org", "localhost"] as const;

/** The reserved domain a host name is, or lies under, if any (`auth.example.com` → `example.com`). */
export function placeholderDomain(host: string): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, "");
  return PLACEHOLDER_DOMAINS.find((domain) => name === domain || name.endsWith(`.${domain}`));
}

/** The host of a URL or origin, or undefined when it is not one. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** The reserved domain a URL or origin points at, if any. */
export function placeholderInUrl(url: string): string | undefined {
  const host = hostOf(url);
  return host === undefined ? undefined : placeholderDomain(host);
}

/** The reserved domain an e-mail address belongs to, if any. */
export function placeholderInEmail(address: string): string | undefined {
  const at = address.lastIndexOf("@");
  return at === -1 ? undefined : placeholderDomain(address.slice(at + 1));
}
