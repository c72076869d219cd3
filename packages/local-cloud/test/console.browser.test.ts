import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LocalExecution } from "@orderflow/local";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { startTestCloud } from "./support";

const SCREENSHOT = fileURLToPath(new URL("../../../docs/images/execution-page.png", import.meta.url));

const cloud = await startTestCloud();
const browser = await launchChromium();
afterAll(async () => {
  await browser.close();
  await cloud.stop();
});

const SHAPES = new Set(["state", "task", "pass", "choice", "succeed", "fail", "wait", "parallel", "map"]);

/** The classes of each state's node on the graph beyond its shape: its outcome, or none when it did not run. */
async function outcomesOf(page: Page, states: readonly string[]): Promise<Record<string, string[]>> {
  const classes = await Promise.all(
    states.map(
      async (name) => (await page.locator(`g.state[data-state="${name}"]`).getAttribute("class")) ?? "",
    ),
  );
  return Object.fromEntries(
    states.map((name, i) => [name, (classes[i] ?? "").split(" ").filter((c) => c && !SHAPES.has(c))]),
  );
}

async function placeOrder(page: Page, faults: Record<string, string> = {}): Promise<void> {
  await page.goto(cloud.url);
  await page.locator("#order-form").waitFor();
  await page.selectOption("#customer", "cus_ana");
  await page.fill('input[data-sku="SKU-TSHIRT-M"]', "0");
  await page.fill('input[data-sku="SKU-MUG"]', "2");
  for (const [state, outcome] of Object.entries(faults))
    await page.selectOption(`select[data-fault-state="${state}"]`, outcome);
  await page.click("#order-form button[type=submit]");
  await page.locator("section.execution").waitFor();
}

describe("the console in a real browser", () => {
  it("places an order, then watches the graph reach MarkCompleted and the customer's mail arrive", async () => {
    // Prepare
    const page = await browser.newPage();

    // Act
    await placeOrder(page);
    await page.locator('g.state[data-state="MarkCompleted"].succeeded').waitFor();
    await page.locator("#ledger-mails li", { hasText: "is on its way" }).waitFor();

    // Assess
    expect(await page.textContent("#execution-status")).toBe("SUCCEEDED");
    const { states } = await (cloud.runtime.executions().at(-1) as LocalExecution).report;
    expect(await outcomesOf(page, [...states, "RefundPayment"])).toEqual({
      ...Object.fromEntries(states.map((s) => [s, ["succeeded"]])),
      RefundPayment: [],
    });
    expect(await page.locator("#history tr[data-type=ExecutionSucceeded]").count()).toBe(1);
    expect(await page.textContent("#ledger-payments")).toContain("CAPTURED");
    await page.close();
  });

  it("injects faults into the next order and shows its retry, catch and compensation path", async () => {
    // Prepare
    const page = await browser.newPage();

    // Act
    await placeOrder(page, { ChargePayment: "transient", CreateShipment: "error" });
    await page.locator('g.state[data-state="Failed"].failed').waitFor();
    await page.locator("#ledger-mails li", { hasText: "We could not complete" }).waitFor();

    // Assess
    expect(await page.textContent("#execution-status")).toBe("FAILED");
    expect(
      await outcomesOf(page, [
        "ChargePayment",
        "CreateShipment",
        "ReleaseInventory",
        "RefundPayment",
        "MarkFailed",
        "MarkCompleted",
      ]),
    ).toEqual({
      ChargePayment: ["retried"],
      CreateShipment: ["caught"],
      ReleaseInventory: ["compensated"],
      RefundPayment: ["compensated"],
      MarkFailed: ["succeeded"],
      MarkCompleted: [],
    });
    expect(await page.textContent("#ledger-payments")).toContain("REFUNDED");
    expect(
      await page
        .locator('path.edge.catch.taken[data-from="CreateShipment"][data-to="ReleaseInventory"]')
        .count(),
    ).toBe(1);
    // The committed screenshot of the README; rewritten on request only, so a test run leaves the tree clean.
    if (!existsSync(SCREENSHOT) || process.env.ORDERFLOW_UPDATE_SCREENSHOT)
      await page.screenshot({ path: SCREENSHOT });
    await page.close();
  });

  it("lists both mails in the mail tab, and the executions with their order's status", async () => {
    // Prepare
    const page = await browser.newPage();

    // Act
    await page.goto(`${cloud.url}/#/mail`);
    await page.locator("#mail-list li").nth(1).waitFor();
    const mails = await page.locator("#mail-list summary").allTextContents();
    await page.goto(`${cloud.url}/#/executions`);
    await page.locator("#executions tbody tr").nth(1).waitFor();
    const rows = await page.locator("#executions tbody tr").allTextContents();

    // Assess
    expect(mails.some((m) => m.includes("is on its way"))).toBe(true);
    expect(mails.some((m) => m.includes("We could not complete"))).toBe(true);
    expect(rows.some((r) => r.includes("FAILED"))).toBe(true);
    expect(rows.some((r) => r.includes("COMPLETED"))).toBe(true);
    await page.close();
  });
});
