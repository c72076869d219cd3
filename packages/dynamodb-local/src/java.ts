import { spawnSync } from "node:child_process";

const INSTALL_HINT =
  "install a Java runtime 17 or newer (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17) and put `java` on PATH";

/** DynamoDB Local is the official jar; fail early with what to install rather than with a spawn error. */
export function assertJava17(): void {
  const probe = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (probe.error) throw new Error(`DynamoDB Local needs Java, but \`java\` was not found: ${INSTALL_HINT}`);
  const banner = `${probe.stderr}${probe.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(banner);
  const major = match ? Number(match[1] === "1" ? match[2] : match[1]) : Number.NaN;
  if (!(major >= 17)) {
    throw new Error(
      `DynamoDB Local needs Java 17 or newer, found ${match ? match[0] : "an unknown version"}: ${INSTALL_HINT}`,
    );
  }
}
