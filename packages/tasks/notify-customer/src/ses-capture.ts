import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The path of Amazon SES v2 `SendEmail` (REST JSON). */
export const SEND_EMAIL_PATH = "/v2/email/outbound-emails";

/** A mail an SES v2 `SendEmail` request carried, as a person reads it. */
export interface CapturedMail {
  readonly messageId: string;
  readonly receivedAt: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The HTTP answer to one request: status, SES's error header when it failed, the JSON body. */
export interface SesAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Set when the request was a well-formed SendEmail. */
  readonly mail?: CapturedMail;
}

function badRequest(message: string): SesAnswer {
  return { status: 400, headers: { "x-amzn-errortype": "BadRequestException" }, body: { message } };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `{ Data }` of an SES content field, when it is one. */
function dataOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.Data === "string" ? value.Data : undefined;
}

/**
 * Answers a `SendEmail` request body the way SES v2 does for a simple message: a `MessageId`, or
 * `BadRequestException` when the sender, a recipient, the subject or both bodies are missing. Nothing is
 * sent anywhere: the mail is handed back for whoever shows it (a test, the local console).
 */
export function answerSendEmail(requestBody: string, now: Date = new Date()): SesAnswer {
  let request: unknown;
  try {
    request = JSON.parse(requestBody);
  } catch {
    return badRequest("the request body is not JSON");
  }
  if (!isRecord(request) || typeof request.FromEmailAddress !== "string") {
    return badRequest("FromEmailAddress is required locally (no default sender is configured)");
  }
  const to = isRecord(request.Destination) ? request.Destination.ToAddresses : undefined;
  if (!Array.isArray(to) || to.length === 0 || !to.every((a) => typeof a === "string")) {
    return badRequest("Destination.ToAddresses must list at least one address");
  }
  const simple = isRecord(request.Content) ? request.Content.Simple : undefined;
  const body = isRecord(simple) && isRecord(simple.Body) ? simple.Body : {};
  const subject = isRecord(simple) ? dataOf(simple.Subject) : undefined;
  const text = dataOf(body.Text);
  const html = dataOf(body.Html);
  if (subject === undefined || (text === undefined && html === undefined)) {
    return badRequest("Content.Simple needs a Subject and a Text or Html body");
  }
  const mail: CapturedMail = {
    messageId: `local-${randomUUID()}`,
    receivedAt: now.toISOString(),
    from: request.FromEmailAddress,
    to: to as string[],
    subject,
    text: text ?? "",
    html: html ?? "",
  };
  return { status: 200, headers: {}, body: { MessageId: mail.messageId }, mail };
}

/** An SES v2 stand-in on loopback that keeps every mail it accepts. */
export interface SesCapture {
  /** Point a client at it: `new SESv2Client({ endpoint })` or `AWS_ENDPOINT_URL_SESV2`. */
  readonly endpoint: string;
  readonly mails: readonly CapturedMail[];
  stop(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function reply(response: ServerResponse, answer: SesAnswer): void {
  response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
  response.end(JSON.stringify(answer.body));
}

/** Starts an SES capture on a free loopback port; anything but `SendEmail` answers 404. */
export async function startSesCapture(): Promise<SesCapture> {
  const mails: CapturedMail[] = [];
  const server = createServer(async (request, response) => {
    if (request.method !== "POST" || request.url !== SEND_EMAIL_PATH) {
      return reply(response, { status: 404, headers: {}, body: { message: "only SendEmail is captured" } });
    }
    const answer = answerSendEmail(await readBody(request));
    if (answer.mail) mails.push(answer.mail);
    reply(response, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    mails,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
