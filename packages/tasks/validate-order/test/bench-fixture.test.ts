import { ValidatedOrder } from "@orderflow/domain";
import { benchFixtureSuite } from "@orderflow/dynamodb-local/testing";
import { task } from "../src/task";

benchFixtureSuite({
  fixtureUrl: new URL("../bench/fixture.json", import.meta.url),
  tables: task.tables,
  loadHandler: async () => (await import("../src/handler")).handler,
  output: ValidatedOrder,
  // The PII-free answer: the customer as an id, no e-mail, name or address.
  expected: (orderId) => ({ orderId, customerId: "cus_bench", total: { amount: 4848, currency: "EUR" } }),
});
