import { describeIssues, newOrderId, type Order, OrderRequest, PARSE_CONFIG } from "@orderflow/domain";
import * as v from "valibot";
import { callerOf } from "./caller";
import { fingerprint } from "./canonical-json";
import type { ApiDependencies } from "./core";
import { idempotencyKeyOf, orderIdFor } from "./order-key";
import type { ApiLog, OrderRecord, WorkflowStarter } from "./ports";
import { PROBLEM_TYPES, problemResponse } from "./problem";
import type { ApiRequest } from "./request";
import { readJsonBody } from "./request-body";
import { type HttpResponse, jsonResponse } from "./responses";

export interface PostContext extends ApiDependencies {
  readonly statusUrl: (orderId: string) => string;
}

type Checked =
  | { readonly ok: true; readonly order: Order; readonly key: string }
  | { readonly ok: false; readonly response: HttpResponse };

/**
 * The order the caller asks for, with its id derived from the caller and the idempotency key and the
 * caller as its customer; or the problem that stops it. Nothing here is stored or started.
 */
function checkedOrder(
  { newKey = newOrderId }: PostContext,
  request: ApiRequest,
  customerId: string,
): Checked {
  const body = readJsonBody(request);
  if (!body.ok) return body;
  const parsed = v.safeParse(OrderRequest, body.value, PARSE_CONFIG);
  if (!parsed.success) {
    const errors = describeIssues(parsed.issues);
    const response = problemResponse(400, `the order has ${errors.length} invalid field(s); see errors`, {
      type: PROBLEM_TYPES.invalidOrder,
      title: "Invalid order",
      errors,
    });
    return { ok: false, response };
  }
  const { orderId: bodyKey, customer, ...fields } = parsed.output;
  if (customer.id !== undefined && customer.id !== customerId) {
    const response = problemResponse(403, "customer.id must be the signed-in customer; leave it out", {
      type: PROBLEM_TYPES.customerMismatch,
      title: "Not your customer id",
    });
    return { ok: false, response };
  }
  const key = idempotencyKeyOf(request.headers?.["idempotency-key"], bodyKey);
  if (key === false) {
    const detail =
      "Idempotency-Key must be 1-64 characters of A-Z, a-z, 0-9, _ or -, and equal to orderId when both are sent";
    const response = problemResponse(400, detail, {
      type: PROBLEM_TYPES.invalidIdempotencyKey,
      title: "Invalid idempotency key",
    });
    return { ok: false, response };
  }
  const chosen = key ?? newKey();
  const order = {
    ...fields,
    orderId: orderIdFor(customerId, chosen),
    customer: { ...customer, id: customerId },
  };
  return { ok: true, order, key: chosen };
}

/**
 * `POST /orders`: stores the caller's order as PENDING and starts its workflow. A repeat of a key with the
 * same order answers as the first time; with another order, 409. Keys are the caller's own: another
 * customer's orders are neither reachable nor blocked by them.
 */
export async function postOrder(context: PostContext, request: ApiRequest): Promise<HttpResponse> {
  const { store, starter, log, now = () => new Date() } = context;
  const caller = callerOf(request.requestContext.authorizer);
  if (!caller.ok) return caller.response;
  const checked = checkedOrder(context, request, caller.customerId);
  if (!checked.ok) return checked.response;
  const { order, key } = checked;
  log.appendKeys({ orderId: order.orderId });

  const requestHash = fingerprint(order);
  const { payment: _token, ...withoutToken } = order;
  const createdAt = now().toISOString();
  const result = await store.insertPending({
    order: withoutToken,
    idempotencyKey: key,
    requestHash,
    createdAt,
  });
  const record = result.inserted ? result.record : result.existing;
  if (!result.inserted && record.requestHash !== requestHash) {
    log.warn("idempotency key reused with a different order", { existingStatus: record.status });
    return problemResponse(409, "this idempotency key was used for a different order; use a new key", {
      type: PROBLEM_TYPES.orderConflict,
      title: "Idempotency key already used",
      orderId: order.orderId,
    });
  }

  // A repeat of a PENDING order may follow a crash between the write above and the start below; starting
  // again heals it, and starts nothing new when the first start did happen (same execution name).
  if (record.status === "PENDING" && !(await startWorkflow(starter, log, order))) {
    return problemResponse(503, "the order is saved but not started; send it again with the same key", {
      type: PROBLEM_TYPES.workflowNotStarted,
      title: "Order not started",
      orderId: order.orderId,
      headers: { "retry-after": "2" },
    });
  }
  log.info("order accepted", { repeat: !result.inserted, status: record.status });
  return accepted(record, key, context.statusUrl(order.orderId));
}

async function startWorkflow(starter: WorkflowStarter, log: ApiLog, order: Order): Promise<boolean> {
  try {
    const outcome = await starter.start(order);
    log.info("workflow start requested", { outcome });
    return true;
  } catch (error) {
    log.error("workflow could not be started", { error });
    return false;
  }
}

function accepted(record: OrderRecord, idempotencyKey: string, statusUrl: string): HttpResponse {
  return jsonResponse(
    202,
    { orderId: record.orderId, idempotencyKey, status: record.status, statusUrl },
    { location: statusUrl },
  );
}
