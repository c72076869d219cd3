/**
 * Test support: what a Powertools logger wrote, as JSON records. Powertools writes through its own
 * `Console` on stdout/stderr in production mode and through the global console in dev mode (which the
 * test configs turn on so that vitest shows a test's logs only when it fails); this captures both ways, so
 * a test asserts on log records without caring how the logger was built. Captured writes are kept off the
 * test output.
 */
import { vi } from "vitest";

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;

export interface CapturedLogs {
  /** Every record written since the capture began, parsed; a write that is not JSON is an error. */
  records(): Record<string, unknown>[];
  /** Everything written, as one text (for "never contains" assertions). */
  text(): string;
  /** Ends the capture and restores the streams and the console. */
  restore(): void;
}

/** Starts capturing log writes; call `restore()` (or vitest's `vi.restoreAllMocks()`) when done. */
export function captureLogs(): CapturedLogs {
  const writes: string[] = [];
  const keep = (chunk: unknown) => {
    writes.push(String(chunk));
    return true;
  };
  const spies = [
    ...[process.stdout, process.stderr].map((stream) => vi.spyOn(stream, "write").mockImplementation(keep)),
    ...CONSOLE_METHODS.map((method) =>
      vi.spyOn(console, method).mockImplementation((first: unknown) => void keep(first)),
    ),
  ];
  return {
    records: () =>
      writes
        .flatMap((write) => write.split(/\n(?=\{)/))
        .map((entry) => entry.trim())
        .filter((entry) => entry !== "")
        .map((entry) => JSON.parse(entry) as Record<string, unknown>),
    text: () => writes.join("\n"),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}
