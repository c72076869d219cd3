import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { dynamoReservationLedger } from "@orderflow/inventory";
import { MODEL_SKUS, protocolRuns, stockAndOrders, stockTables } from "@orderflow/inventory/testing";
import { documentClient } from "@orderflow/task-kit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const db = await useLocalTables(["inventory", "reservations"]);
const release = (await import("../src/handler")).handler;
const protocol = protocolRuns(dynamoReservationLedger(documentClient(), db.names));
const tables = stockTables(db);

/**
 * A reserve the protocol's way, answered as reserve-inventory answers: the status, OutOfStock, or
 * "Refused" for a released order (reserve-inventory throws: the order was compensated).
 */
async function reserve(order: { orderId: string; items: { sku: string; quantity: number }[] }) {
  const { record, shortages } = await protocol.hold(order);
  if (shortages) return "OutOfStock";
  return record?.status === "RELEASED" ? "Refused" : record?.status;
}

/** An order's reservation as the model sees it: none yet, held, released, or a release's tombstone. */
type Modelled = "NONE" | "HELD" | "RELEASED" | "TOMBSTONE";

/** What a call answers from the order's modelled state, and the state it leaves. */
function predict(call: "reserve" | "release", state: Modelled, fits: boolean): [string, Modelled] {
  if (call === "reserve") {
    if (state === "NONE") return fits ? ["HELD", "HELD"] : ["OutOfStock", "NONE"];
    return state === "HELD" ? ["HELD", "HELD"] : ["Refused", state];
  }
  if (state === "HELD") return ["RELEASED", "RELEASED"];
  return state === "RELEASED" ? ["ALREADY_RELEASED", state] : ["NOTHING_RESERVED", "TOMBSTONE"];
}

const ORDERS = 3;

/** Up to 3 orders over SKUs A-C, stock per SKU, and a sequence of reserve / release calls. */
const scenario = fc.record({
  ...stockAndOrders(ORDERS),
  calls: fc.array(fc.tuple(fc.constantFrom("reserve", "release"), fc.nat(ORDERS - 1)), { maxLength: 6 }),
});

let run = 0;

describe("stock across the protocol's holds and release on DynamoDB Local", () => {
  it("keeps available + reserved of every SKU constant, reserved equal to what HELD orders hold, and answers as a model predicts, fences included", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ stock, orders, calls }) => {
        // Prepare: fresh SKUs and order ids per run, so runs do not see each other
        const prefix = `R${run++}`;
        const sku = (name: string) => `${prefix}-${name}`;
        const ids = orders.map(() => newOrderId());
        const items = orders.map((lines) => lines.map((line) => ({ ...line, sku: sku(line.sku) })));
        await tables.seed(Object.fromEntries(MODEL_SKUS.map((name, i) => [sku(name), stock[i] ?? 0])));
        const totals = Object.fromEntries(MODEL_SKUS.map((name, i) => [sku(name), stock[i] ?? 0]));
        const states = orders.map((): Modelled => "NONE");
        const heldUnits = (name: string) =>
          items
            .filter((_, o) => states[o] === "HELD")
            .flat()
            .filter((line) => line.sku === name)
            .reduce((sum, line) => sum + line.quantity, 0);

        for (const [call, order] of calls) {
          // Act
          const orderId = ids[order] ?? "";
          const lines = items[order] ?? [];
          const fits = lines.every((line) => (totals[line.sku] ?? 0) - heldUnits(line.sku) >= line.quantity);
          const [expected, next] = predict(call, states[order] ?? "NONE", fits);
          const outcome =
            call === "reserve"
              ? await reserve({ orderId, items: lines })
              : (await release({ orderId })).outcome;
          states[order] = next;

          // Assess
          expect(outcome).toBe(expected);
          const now = await tables.stock(Object.keys(totals));
          for (const [name, total] of Object.entries(totals)) {
            const [available, reserved] = now[name] ?? [Number.NaN, Number.NaN];
            expect(available + reserved).toBe(total);
            expect(reserved).toBe(heldUnits(name));
            expect(available).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});
