import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); nothing is downloaded at install. */
const CHROMIUM = process.env.ORDERFLOW_CHROMIUM ?? "/usr/bin/chromium";

/** Headless Chromium with a new, empty profile and nothing that reaches the network on its own. */
export async function launchChromium(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install chromium (Debian), or set ORDERFLOW_CHROMIUM`,
    );
  }
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "orderflow-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 1100 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
