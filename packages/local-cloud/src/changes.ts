import type { ServerResponse } from "node:http";

/**
 * Server-sent events for the console: every client gets `data: <n>` whenever the fingerprint of what it
 * shows (executions' events, mails) changes, looked at every `intervalMs` while anyone listens.
 */
export class ChangeFeed {
  private readonly clients = new Set<ServerResponse>();
  private timer: NodeJS.Timeout | undefined;
  private last = "";

  constructor(
    private readonly fingerprint: () => string,
    private readonly intervalMs = 150,
  ) {}

  open(response: ServerResponse): void {
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    response.write("retry: 1000\n\n");
    this.clients.add(response);
    response.on("close", () => {
      this.clients.delete(response);
      if (this.clients.size === 0) this.pause();
    });
    this.timer ??= setInterval(() => this.tick(), this.intervalMs);
  }

  close(): void {
    this.pause();
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private tick(): void {
    const now = this.fingerprint();
    if (now === this.last) return;
    this.last = now;
    for (const client of this.clients) client.write(`data: ${now}\n\n`);
  }

  private pause(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
