import {
  answerSendEmail,
  type CapturedMail,
  type SesAnswer,
} from "@orderflow/task-notify-customer/ses-capture";

/** A captured mail with the order it was about, once the rule that sent it has told. */
export interface MailboxEntry extends CapturedMail {
  orderId?: string;
}

/** Every mail the local SES v2 endpoint accepted, newest last. */
export class Mailbox {
  private readonly entries: MailboxEntry[] = [];

  /** Answers one SES v2 SendEmail request body, keeping the mail when SES would have sent it. */
  accept(requestBody: string): SesAnswer {
    const answer = answerSendEmail(requestBody);
    if (answer.mail) this.entries.push({ ...answer.mail });
    return answer;
  }

  /** Ties a sent mail to its order (the SES request does not name it; the function's answer does). */
  attribute(messageId: string, orderId: string): void {
    const entry = this.entries.find((m) => m.messageId === messageId);
    if (entry) entry.orderId = orderId;
  }

  all(): readonly MailboxEntry[] {
    return this.entries;
  }

  forOrder(orderId: string): MailboxEntry[] {
    return this.entries.filter((m) => m.orderId === orderId);
  }
}
