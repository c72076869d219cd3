import type { ApiLog } from "../../src/ports";

/** An ApiLog that keeps every call, to check what the API would write to the logs. */
export class RecordingLog implements ApiLog {
  readonly lines: { level: string; message: string; keys: Record<string, unknown>; extra: unknown[] }[] = [];
  private keys: Record<string, unknown> = {};

  appendKeys(keys: Record<string, string | undefined>): void {
    this.keys = { ...this.keys, ...keys };
  }
  resetKeys(): void {
    this.keys = {};
  }
  info(message: string, ...extra: Record<string, unknown>[]): void {
    this.lines.push({ level: "INFO", message, keys: { ...this.keys }, extra });
  }
  warn(message: string, ...extra: Record<string, unknown>[]): void {
    this.lines.push({ level: "WARN", message, keys: { ...this.keys }, extra });
  }
  error(message: string, ...extra: Record<string, unknown>[]): void {
    this.lines.push({ level: "ERROR", message, keys: { ...this.keys }, extra });
  }

  /** Everything logged, as one string (errors with their message and stack). */
  text(): string {
    return JSON.stringify(this.lines, (_key, value: unknown) =>
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
    );
  }
}
