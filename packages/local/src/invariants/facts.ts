import type { Money } from "@orderflow/domain";

/** Stock of one SKU the order names: what was seeded, what the rows hold now, what left with shipments. */
export interface StockFacts {
  readonly initial: number;
  readonly available: number;
  readonly reserved: number;
  /** Units of this SKU that every order started since the seed handed over to its shipment. */
  readonly shipped: number;
}

/** A charge as the payment provider keeps it (the sandbox provider's own ledger). */
export interface ProviderCharge {
  readonly status: "AUTHORIZED" | "CAPTURED" | "REFUNDED" | "VOIDED" | "DECLINED";
  readonly amount: Money;
  readonly chargeId: string;
}

/** Everything one ended execution left behind, read back from the tables, the provider and the bus. */
export interface OrderFacts {
  readonly orderId: string;
  readonly execution: {
    readonly status: "SUCCEEDED" | "FAILED" | "TIMED_OUT";
    readonly states: readonly string[];
    /** Compensation states that ran, in order. */
    readonly compensations: readonly string[];
    /** Compensations whose failure a later state caught (they gave up). */
    readonly failedCompensations: readonly string[];
    /** For each compensation, the one the workflow runs after it when it gives up (if any). */
    readonly compensationAfter: Readonly<Record<string, string | undefined>>;
  };
  /** What the order owes when it ships: its items at the catalog's prices; undefined when not priceable. */
  readonly total: Money | undefined;
  /** The orders-table item. */
  readonly order: {
    readonly status: string;
    readonly error?: string;
    readonly cause?: string;
    /**
     * For NEEDS_ATTENTION: the steps a person must settle by hand (a compensation that gave up, a shipment
     * whose hand-over did not finish), by state name.
     */
    readonly incomplete?: readonly string[];
  } | null;
  /** The order's row in our payments table. */
  readonly payment: { readonly status: string; readonly amount: Money; readonly chargeId?: string } | null;
  readonly provider: ProviderCharge | null;
  readonly reservation: {
    readonly status: string;
    readonly heldLines: number;
    readonly items: readonly { readonly sku: string; readonly quantity: number }[];
  } | null;
  readonly shipment: { readonly trackingNumber: string } | null;
  readonly stock: Readonly<Record<string, StockFacts>>;
  readonly events: readonly { readonly detailType: string }[];
  /**
   * Where the card token the order was placed with is kept after the execution, of the places that outlive
   * it and that others read (the execution's output, the orders-table item, the events): it is only ever
   * sent to the payment provider.
   */
  readonly tokenFoundIn: readonly string[];
}
