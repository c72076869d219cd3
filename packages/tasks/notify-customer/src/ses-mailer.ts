import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Mailer } from "./ports";

const utf8 = (data: string) => ({ Data: data, Charset: "UTF-8" });

/** Sends through Amazon SES v2 `SendEmail` from `from`, a simple (not templated) message with both bodies. */
export function sesMailer(client: SESv2Client, from: string): Mailer {
  return {
    async send(mail) {
      const { MessageId } = await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [mail.to] },
          Content: {
            Simple: {
              Subject: utf8(mail.subject),
              Body: { Text: utf8(mail.text), Html: utf8(mail.html) },
            },
          },
        }),
      );
      if (!MessageId) throw new Error("SES accepted the mail but answered no MessageId");
      return { messageId: MessageId };
    },
  };
}
