import { CUSTOMER_ID_PATTERN } from "@orderflow/domain";
import { PROBLEM_TYPES, problemResponse } from "./problem";
import type { HttpResponse } from "./responses";

/** What an HTTP API JWT authorizer puts into the request context (payload format 2.0). */
export interface RequestAuthorizer {
  readonly jwt?: { readonly claims?: Readonly<Record<string, unknown>> };
}

export type Caller =
  | { readonly ok: true; readonly customerId: string }
  | { readonly ok: false; readonly response: HttpResponse };

/**
 * The customer making the request: the subject (`sub`) of the token API Gateway's JWT authorizer verified.
 * Nothing the client sends can change it. Without a verified token there is no customer (401); a subject
 * that cannot serve as a customer id is the identity provider's to fix (403).
 */
export function callerOf(authorizer: RequestAuthorizer | undefined): Caller {
  const subject = authorizer?.jwt?.claims?.sub;
  if (typeof subject !== "string" || subject === "") {
    return {
      ok: false,
      response: problemResponse(401, "send a bearer token (JWT) from the shop's identity provider", {
        headers: { "www-authenticate": "Bearer" },
      }),
    };
  }
  if (!CUSTOMER_ID_PATTERN.test(subject)) {
    return {
      ok: false,
      response: problemResponse(403, "the token's subject is not 1-255 printable ASCII characters", {
        type: PROBLEM_TYPES.unusableSubject,
        title: "Token subject unusable",
      }),
    };
  }
  return { ok: true, customerId: subject };
}
