import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ORDER_ID_PLACEHOLDER, parseFixture, seedFixture, withOrderId } from "../src/bench-fixture";
import { useLocalTables } from "../src/vitest";

/** JSON values whose strings sometimes contain the placeholder. */
const text = fc.oneof(
  fc.string(),
  fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a}${ORDER_ID_PLACEHOLDER}${b}`),
);
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(text, tie("value"), { maxKeys: 4 }),
  ),
})).value;
const orderId = fc.stringMatching(/^ord_[A-Z0-9]{6,17}$/);

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe("withOrderId", () => {
  it("leaves no placeholder and puts the id wherever one was, in values and keys", () => {
    fc.assert(
      fc.property(json, orderId, (value, id) => {
        // Act
        const text = JSON.stringify(withOrderId(value, id));

        // Assess
        const before = JSON.stringify(value);
        expect(text).not.toContain(ORDER_ID_PLACEHOLDER);
        expect(count(text, id)).toBe(count(before, id) + count(before, ORDER_ID_PLACEHOLDER));
      }),
    );
  });

  it("changes nothing in a value without the placeholder", () => {
    const plain = json.filter((value) => !JSON.stringify(value).includes(ORDER_ID_PLACEHOLDER));
    fc.assert(
      fc.property(plain, orderId, (value, id) => {
        expect(withOrderId(value, id)).toEqual(value);
      }),
    );
  });

  it("fills the event and the seed of a fixture, including inside a JSON-encoded body", () => {
    // Prepare
    const fixture = parseFixture(
      {
        event: {
          body: JSON.stringify({ orderId: ORDER_ID_PLACEHOLDER }),
          requestId: `r-${ORDER_ID_PLACEHOLDER}`,
        },
        seed: { reservations: [{ orderId: ORDER_ID_PLACEHOLDER, items: [] }] },
      },
      "bench/fixture.json",
    );

    // Act
    const filled = withOrderId(fixture, "ord_X1");

    // Assess
    expect(filled).toEqual({
      event: { body: '{"orderId":"ord_X1"}', requestId: "r-ord_X1" },
      seed: { reservations: [{ orderId: "ord_X1", items: [] }] },
    });
  });
});

describe("parseFixture", () => {
  it("defaults the seed to no items", () => {
    expect(parseFixture({ event: { orderId: "x" } }, "f.json")).toEqual({
      event: { orderId: "x" },
      seed: {},
    });
  });

  it.each([
    [{ seed: {} }, "event"],
    [{ event: {}, seed: { carts: [] } }, "seed"],
    [{ event: {}, seed: { inventory: {} } }, "seed.inventory"],
    [{ event: {}, extra: 1 }, "extra"],
  ])("refuses %j, naming the file and the field", (json, field) => {
    expect(() => parseFixture(json, "packages/x/bench/fixture.json")).toThrow(
      new RegExp(`packages/x/bench/fixture\\.json .*${field.replace(".", "\\.")}`),
    );
  });
});

describe("seedFixture on DynamoDB Local", () => {
  it("puts every item into the physical table of its logical table", async () => {
    // Prepare
    const db = await useLocalTables(["payments", "reservations"]);
    const documents = DynamoDBDocumentClient.from(db.client);
    const payment = { orderId: "ord_SEED1", status: "CAPTURED", amount: { amount: 4999, currency: "EUR" } };
    const reservations = [
      { orderId: "ord_SEED1", items: [{ sku: "SKU-A", quantity: 2 }], status: "HELD" },
      { orderId: "ord_SEED2", items: [], status: "RELEASED" },
    ];

    // Act
    await seedFixture(documents, db.names, { payments: [payment], reservations });

    // Assess
    const read = async (table: "payments" | "reservations", orderId: string) =>
      (
        await documents.send(
          new GetCommand({ TableName: db.names[table], Key: { orderId }, ConsistentRead: true }),
        )
      ).Item;
    expect(await read("payments", "ord_SEED1")).toEqual(payment);
    expect(await read("reservations", "ord_SEED1")).toEqual(reservations[0]);
    expect(await read("reservations", "ord_SEED2")).toEqual(reservations[1]);
    expect(await read("payments", "ord_SEED2")).toBeUndefined();
  });
});
