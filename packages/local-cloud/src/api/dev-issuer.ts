import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";

/** The audience the local API's authorizer accepts, as the staging and production stacks configure it. */
export const LOCAL_AUDIENCE = "orderflow-api";

/** Where under the local cloud's URL the issuer lives (its discovery document and JWKS are below it). */
export const ISSUER_PATH = "/issuer";

/** Scopes a token from `orderflow token` carries unless asked for others. */
export const DEFAULT_SCOPES = ["orders:read", "orders:write"] as const;

/** The issuer identifier of the local cloud at `baseUrl` (e.g. `http://127.0.0.1:4600`). */
export function localIssuer(baseUrl: string): string {
  return `${baseUrl}${ISSUER_PATH}`;
}

export interface TokenRequest {
  readonly sub: string;
  /** @default DEFAULT_SCOPES */
  readonly scopes?: readonly string[];
  /** Lifetime in seconds; negative gives a token that has already expired. @default 3600 */
  readonly expiresInSeconds?: number;
  /** @default the issuer's own */
  readonly issuer?: string;
  /** @default LOCAL_AUDIENCE */
  readonly audience?: string;
}

/** A development identity provider: one RS256 key, kept under the local state folder. */
export interface DevIssuer {
  readonly issuer: string;
  /** The public key set, as `jwks_uri` serves it. */
  readonly jwks: { readonly keys: readonly JWK[] };
  /** An access token as an OAuth authorization server would issue it (`scope` is space-separated). */
  sign(request: TokenRequest): Promise<string>;
}

const KEY_FILE = "dev-issuer-key.json";

async function loadOrCreateKey(stateDir: string): Promise<JWK> {
  const file = join(stateDir, KEY_FILE);
  try {
    return JSON.parse(await readFile(file, "utf8")) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: "RS256", use: "sig" };
  await mkdir(dirname(file), { recursive: true });
  // Only a development key, but still a private key: readable by its owner only.
  await writeFile(file, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: "wx" }).catch(async (error) => {
    // Another process (`orderflow token` beside `orderflow dev`) created it first: use that one.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  });
  return JSON.parse(await readFile(file, "utf8")) as JWK;
}

/**
 * The issuer `issuer` with the key in `stateDir` (created on first use, so `orderflow token` and
 * `orderflow dev` agree on it across restarts).
 */
export async function loadDevIssuer(stateDir: string, issuer: string): Promise<DevIssuer> {
  const jwk = await loadOrCreateKey(stateDir);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
  const key = await importJWK(jwk, "RS256");
  return {
    issuer,
    jwks: { keys: [publicJwk] },
    async sign(request) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ scope: (request.scopes ?? DEFAULT_SCOPES).join(" ") })
        .setProtectedHeader({ alg: "RS256", kid: jwk.kid as string, typ: "JWT" })
        .setIssuer(request.issuer ?? issuer)
        .setAudience(request.audience ?? LOCAL_AUDIENCE)
        .setSubject(request.sub)
        .setIssuedAt(now)
        .setExpirationTime(now + (request.expiresInSeconds ?? 3600))
        .setJti(randomUUID())
        .sign(key);
    },
  };
}
