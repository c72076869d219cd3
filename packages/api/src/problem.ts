import { type FieldIssue, MAX_LISTED_ISSUES } from "@orderflow/domain";
import { type HttpResponse, jsonResponse } from "./responses";

/**
 * Problem types this API defines (RFC 9457 §3.1.1). Statuses that need no more explanation than their
 * HTTP meaning use `about:blank`, whose title is the status phrase.
 */
const problemType = <const S extends string>(slug: S) => `urn:orderflow:problem:${slug}` as const;
export const PROBLEM_TYPES = {
  invalidOrder: problemType("invalid-order"),
  malformedJson: problemType("malformed-json"),
  invalidOrderId: problemType("invalid-order-id"),
  invalidIdempotencyKey: problemType("invalid-idempotency-key"),
  invalidListQuery: problemType("invalid-list-query"),
  orderConflict: problemType("order-conflict"),
  customerMismatch: problemType("customer-mismatch"),
  unusableSubject: problemType("unusable-token-subject"),
  workflowNotStarted: problemType("workflow-not-started"),
} as const;

/** An RFC 9457 problem details document, with this API's extension members. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The fields that failed validation (400 invalid-order), at most {@link MAX_LISTED_ISSUES}. */
  readonly errors?: readonly FieldIssue[];
  /** How many more fields failed than `errors` lists. */
  readonly omittedErrors?: number;
  /** The order the problem concerns, when there is one the client can act on. */
  readonly orderId?: string;
}

/** Titles of the `about:blank` problems; the others carry their own title. */
const STATUS_PHRASES: Readonly<Record<number, string>> = {
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
};

export interface ProblemOptions {
  /** @default "about:blank" */
  readonly type?: string;
  /** @default the HTTP status phrase */
  readonly title?: string;
  /** Every problem found; the document lists the first {@link MAX_LISTED_ISSUES} and counts the rest. */
  readonly errors?: readonly FieldIssue[];
  readonly orderId?: string;
  /** @default {} */
  readonly headers?: Record<string, string>;
}

/** An `application/problem+json` response. */
export function problemResponse(status: number, detail: string, options: ProblemOptions = {}): HttpResponse {
  const { type = "about:blank", title = STATUS_PHRASES[status] ?? "Error", headers = {}, errors } = options;
  const problem: Problem = {
    type,
    title,
    status,
    detail,
    ...(errors && { errors: errors.slice(0, MAX_LISTED_ISSUES) }),
    ...(errors && errors.length > MAX_LISTED_ISSUES && { omittedErrors: errors.length - MAX_LISTED_ISSUES }),
    ...(options.orderId && { orderId: options.orderId }),
  };
  return jsonResponse(status, problem, headers, "application/problem+json");
}
