/** What the mail needs to know about the order, read from the orders table. */
export interface CustomerContact {
  readonly email: string;
  /** The name on the shipping address: how the mail greets the customer. */
  readonly name: string;
  readonly items: readonly { readonly sku: string; readonly quantity: number }[];
}

/** The orders table, as far as this function reads it. */
export interface OrderContacts {
  /** The order's contact, or undefined when the table has no such order. */
  contactOf(orderId: string): Promise<CustomerContact | undefined>;
}

/** One mail to one customer, in plain text and HTML. */
export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Sends mail (Amazon SES v2 in AWS); answers the provider's message id. */
export interface Mailer {
  send(mail: Mail): Promise<{ readonly messageId: string }>;
}
