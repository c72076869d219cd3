/** The contracts of ChargePayment and of its compensation, RefundPayment. */
import * as v from "valibot";
import { OrderId } from "../ids";
import { Money } from "../money";

// Each schema is built inside a call marked @__PURE__: esbuild cannot tell that valibot calls made from
// another module are free of side effects, so without the mark a bundle using one schema of this module
// would carry all of them.

export const ChargePaymentInput = /* @__PURE__ */ (() =>
  v.object({
    orderId: OrderId,
    customerId: v.string(),
    amount: Money,
    paymentToken: v.string(),
  }))();
export type ChargePaymentInput = v.InferOutput<typeof ChargePaymentInput>;

export const PAYMENT_STATUSES = ["CAPTURED", "DECLINED", "REFUNDED"] as const;
export const PaymentStatus = /* @__PURE__ */ (() => v.picklist(PAYMENT_STATUSES))();
export type PaymentStatus = v.InferOutput<typeof PaymentStatus>;

export const Charge = /* @__PURE__ */ (() =>
  v.object({
    orderId: OrderId,
    chargeId: v.string(),
    amount: Money,
    status: PaymentStatus,
    createdAt: v.string(),
  }))();
export type Charge = v.InferOutput<typeof Charge>;
export const ChargePaymentOutput = Charge;

export const RefundPaymentInput = /* @__PURE__ */ (() => v.object({ orderId: OrderId }))();
export type RefundPaymentInput = v.InferOutput<typeof RefundPaymentInput>;

export const RefundPaymentOutput = /* @__PURE__ */ (() =>
  v.object({
    orderId: OrderId,
    /**
     * REFUNDED: the captured charge was given back now; VOIDED: a hold was released (or the order fenced
     * off) before anything was captured; ALREADY_REFUNDED / NOTHING_CAPTURED: nothing to do.
     */
    outcome: v.picklist(["REFUNDED", "VOIDED", "ALREADY_REFUNDED", "NOTHING_CAPTURED"]),
    amount: v.optional(Money),
  }))();
export type RefundPaymentOutput = v.InferOutput<typeof RefundPaymentOutput>;
