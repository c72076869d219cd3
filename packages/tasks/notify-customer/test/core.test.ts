import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { composeMail, formatMoney } from "../src/compose";
import { notifyCustomer, OrderNotFound } from "../src/core";
import type { Mail } from "../src/ports";
import { ANA, completed, failed } from "./events";

function recordingMailer() {
  const sent: Mail[] = [];
  const send = vi.fn(async (mail: Mail) => {
    sent.push(mail);
    return { messageId: `m-${sent.length}` };
  });
  return { sent, send };
}

describe("composeMail", () => {
  it("tells a completed order's customer the tracking number, the total and the items, in text and HTML", () => {
    // Act
    const mail = composeMail(completed("ord_DONE1"), ANA);

    // Assess
    expect(mail.to).toBe("ana@example.com");
    expect(mail.subject).toBe("Your order ord_DONE1 is on its way");
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain("Hello Ana Lima,");
      expect(body).toContain("tracking number SANDBOX-TRACK-1");
      expect(body).toContain("Total charged: €39.98.");
      expect(body).toContain("2 × SKU-TSHIRT-M");
    }
  });

  it("explains a failure by its error name and never passes on the workflow's cause", () => {
    // Act
    const declined = composeMail(failed("ord_FAIL1", "PaymentDeclined", "gateway said card_declined"), ANA);
    const unknown = composeMail(failed("ord_FAIL2", "States.Timeout", "ChargePayment timed out"), ANA);

    // Assess
    expect(declined.subject).toBe("We could not complete your order ord_FAIL1");
    expect(declined.text).toContain("Your payment was declined, so nothing was charged.");
    expect(unknown.text).toContain("any amount charged has been refunded");
    for (const mail of [declined, unknown]) {
      expect(`${mail.text}${mail.html}`).not.toMatch(/gateway|timed out|States\./);
    }
  });

  it("says a rejected order was not accepted, with the reason for a shortage", () => {
    // Act
    const mail = composeMail(failed("ord_REJ1", "OutOfStock", "x", "OrderRejected"), ANA);

    // Assess
    expect(mail.subject).toBe("We could not accept your order ord_REJ1");
    expect(mail.text).toContain("Some of the items are no longer in stock.");
  });

  it("escapes what the customer typed in the HTML body and keeps it as typed in the text", () => {
    // Prepare
    const contact = { ...ANA, name: `<img src=x onerror="alert(1)"> & Co` };

    // Act
    const mail = composeMail(completed("ord_ESC1"), contact);

    // Assess
    expect(mail.text).toContain(`Hello <img src=x onerror="alert(1)"> & Co,`);
    expect(mail.html).toContain("Hello &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co,");
    expect(mail.html).not.toContain("<img");
  });

  it("never puts the cause of any failure into either body", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.constantFrom("OrderFailed", "OrderRejected"),
        (tail, kind) => {
          // Prepare
          const cause = `CAUSE-MARKER-${tail}`;

          // Act
          const mail = composeMail(failed("ord_PROP1", "Error", cause, kind), ANA);

          // Assess
          expect(mail.text).not.toContain("CAUSE-MARKER-");
          expect(mail.html).not.toContain("CAUSE-MARKER-");
        },
      ),
    );
  });

  it("formats minor units with the currency's own number of decimals", () => {
    expect(formatMoney({ amount: 1999, currency: "EUR" })).toBe("€19.99");
    expect(formatMoney({ amount: 1999, currency: "JPY" })).toBe("¥1,999");
  });
});

describe("notifyCustomer", () => {
  it("sends one mail to the address the orders table holds and answers its message id", async () => {
    // Prepare
    const mailer = recordingMailer();
    const contactOf = vi.fn(async () => ANA);

    // Act
    const result = await notifyCustomer(completed("ord_SEND1"), { orders: { contactOf }, mailer });

    // Assess
    expect(contactOf).toHaveBeenCalledWith("ord_SEND1");
    expect(mailer.sent.map((m) => m.to)).toEqual(["ana@example.com"]);
    expect(result).toEqual({ orderId: "ord_SEND1", detailType: "OrderCompleted", messageId: "m-1" });
  });

  it("fails with OrderNotFound and sends nothing when the order is not in the table", async () => {
    // Prepare
    const mailer = recordingMailer();

    // Act
    const attempt = notifyCustomer(completed("ord_GONE1"), {
      orders: { contactOf: async () => undefined },
      mailer,
    });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(OrderNotFound);
    await expect(attempt).rejects.toThrow(/ord_GONE1/);
    expect(mailer.send).not.toHaveBeenCalled();
  });
});
