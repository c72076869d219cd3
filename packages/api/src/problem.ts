import type { FieldIssue } from "@orderflow/domain";
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
  orderConflict: problemType("order-conflict"),
  workflowNotStarted: problemType("workflow-not-started"),
} as const;

/** An RFC 9457 problem details document, with this API's extension members. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** Every field that failed validation (400 invalid-order). */
  readonly errors?: readonly FieldIssue[];
  /** The order the problem concerns, when there is one the client can act on. */
  readonly orderId?: string;
}

/** Titles of the `about:blank` problems; the others carry their own title. */
const STATUS_PHRASES: Readonly<Record<number, string>> = {
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
  readonly errors?: readonly FieldIssue[];
  readonly orderId?: string;
  /** @default {} */
  readonly headers?: Record<string, string>;
}

/** An `application/problem+json` response. */
export function problemResponse(status: number, detail: string, options: ProblemOptions = {}): HttpResponse {
  const { type = "about:blank", title = STATUS_PHRASES[status] ?? "Error", headers = {} } = options;
  const problem: Problem = {
    type,
    title,
    status,
    detail,
    ...(options.errors && { errors: options.errors }),
    ...(options.orderId && { orderId: options.orderId }),
  };
  return jsonResponse(status, problem, headers, "application/problem+json");
}
