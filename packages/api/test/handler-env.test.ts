import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";

await useLocalTables(["orders"]);

describe("handler start-up", () => {
  it("fails at load, naming the variable, when STATE_MACHINE_ARN is missing", async () => {
    // Prepare
    delete process.env.STATE_MACHINE_ARN;

    // Act
    const load = import("../src/handler");

    // Assess
    await expect(load).rejects.toThrow("missing environment variable STATE_MACHINE_ARN");
  });
});
