import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from "jose";

/** What an HTTP API's JWT authorizer is configured with. */
export interface JwtAuthorizerConfig {
  readonly issuer: string;
  readonly audiences: readonly string[];
  readonly jwks: JSONWebKeySet;
}

/** `requestContext.authorizer.jwt` of a payload 2.0 event. */
export interface JwtContext {
  readonly claims: Readonly<Record<string, string>>;
  readonly scopes: readonly string[] | null;
}

export type Authorization =
  | { readonly ok: true; readonly jwt: JwtContext }
  | { readonly ok: false; readonly status: 401 | 403; readonly wwwAuthenticate: string };

/** Claims as API Gateway hands them on: every value a string, arrays as `[a b]`. */
function claimStrings(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      typeof value === "string"
        ? value
        : Array.isArray(value)
          ? `[${value.join(" ")}]`
          : typeof value === "object"
            ? JSON.stringify(value)
            : String(value),
    ]),
  );
}

/** The token's scopes: `scope` (space-separated, OAuth) or `scp` (a list or a string). */
function scopesOf(payload: JWTPayload): string[] | null {
  const raw = payload.scope ?? payload.scp;
  if (typeof raw === "string") return raw.split(" ").filter((s) => s !== "");
  if (Array.isArray(raw)) return raw.map(String);
  return null;
}

function denied(status: 401 | 403, error: string, description: string): Authorization {
  return {
    ok: false,
    status,
    wwwAuthenticate: `Bearer scope="" error="${error}" error_description="${description}"`,
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) return `the ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the signature does not verify";
  if (error instanceof errors.JWKSNoMatchingKey) return "no key of the issuer signed it";
  return "the token could not be validated";
}

/**
 * Authorizes a request the way an HTTP API's JWT authorizer does: the `Authorization` header holds the
 * token (a `Bearer ` prefix is optional); its signature must verify against the issuer's keys (RS256),
 * `iss` must be the issuer, `aud` one of the audiences, and `exp`, `nbf` and `iat` must hold now — else
 * 401. A route with scopes needs the token to carry at least one of them — else 403.
 */
export async function authorize(
  authorization: string | undefined,
  config: JwtAuthorizerConfig,
  routeScopes: readonly string[],
): Promise<Authorization> {
  const token = authorization?.replace(/^Bearer\s+/i, "").trim();
  if (!token) return denied(401, "invalid_request", "the Authorization header is missing");
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet(config.jwks), {
      issuer: config.issuer,
      audience: [...config.audiences],
      algorithms: ["RS256"],
      requiredClaims: ["exp"],
    }));
  } catch (error) {
    return denied(401, "invalid_token", reasonOf(error));
  }
  const scopes = scopesOf(payload);
  if (routeScopes.length > 0 && !routeScopes.some((s) => scopes?.includes(s))) {
    return denied(403, "insufficient_scope", `the route needs one of the scopes ${routeScopes.join(", ")}`);
  }
  return { ok: true, jwt: { claims: claimStrings(payload), scopes } };
}
