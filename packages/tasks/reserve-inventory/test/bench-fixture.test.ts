import { ReserveInventoryOutput } from "@orderflow/domain";
import { benchFixtureSuite } from "@orderflow/dynamodb-local/testing";
import { task } from "../src/task";

benchFixtureSuite({
  fixtureUrl: new URL("../bench/fixture.json", import.meta.url),
  tables: task.tables,
  loadHandler: async () => (await import("../src/handler")).handler,
  output: ReserveInventoryOutput,
  expected: (orderId) => ({ orderId, status: "HELD" }),
});
