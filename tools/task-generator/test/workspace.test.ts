import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot, GeneratorError, taskKitVersions, taskStateNames, workspacePackages } from "../src";
import { REPO_ROOT, tempDir } from "./repo-fixtures";

const packages = await workspacePackages(REPO_ROOT);

describe("the repository as the generator reads it", () => {
  it("finds the root from a folder deep inside it", () => {
    // Act
    const root = findRepoRoot(join(REPO_ROOT, "packages/tasks/validate-order/src"));

    // Assess
    expect(join(root, "/")).toBe(join(REPO_ROOT, "/"));
  });

  it("refuses a folder outside any repository, saying where to run", async () => {
    // Prepare
    const outside = await tempDir("outside");

    // Act
    const attempt = () => findRepoRoot(outside);

    // Assess
    expect(attempt).toThrow(GeneratorError);
    expect(attempt).toThrow(/no pnpm-workspace.yaml at or above .*: run the generator inside the repository/);
  });

  it("knows every workspace package by name, in all the workspace's folders", () => {
    // Assess
    expect(packages.get("@orderflow/task-kit")).toBe("packages/task-kit");
    expect(packages.get("@orderflow/task-validate-order")).toBe("packages/tasks/validate-order");
    expect(packages.get("@orderflow/task-generator")).toBe("tools/task-generator");
    expect(packages.get("@orderflow/infra")).toBe("infra");
  });

  it("knows every task's state name, wherever in src its manifests live", async () => {
    // Act
    const states = await taskStateNames(REPO_ROOT, packages);

    // Assess
    expect(Object.fromEntries(states)).toMatchObject({
      ValidateOrder: "packages/tasks/validate-order",
      ReserveInventory: "packages/tasks/reserve-inventory",
      ChargePayment: "packages/tasks/charge-payment",
      CreateShipment: "packages/tasks/create-shipment",
      ReleaseInventory: "packages/tasks/release-inventory",
      RefundPayment: "packages/tasks/refund-payment",
    });
  });

  it("takes the registry pins of task-kit, without its workspace links", async () => {
    // Act
    const versions = await taskKitVersions(REPO_ROOT);

    // Assess
    expect(versions.valibot).toMatch(/^\d+\.\d+\.\d+$/);
    expect(versions["@aws-sdk/lib-dynamodb"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Object.keys(versions).filter((name) => name.startsWith("@orderflow/"))).toEqual([]);
  });
});
