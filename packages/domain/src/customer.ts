import * as v from "valibot";
import { cleanText } from "./text";

// Its own module (not order.ts): a function that reads a stored customer needs these without the whole
// order schema, and a bundle keeps every schema of a module it uses unless the schema is marked pure.

/**
 * A customer is who the identity provider says (the token's `sub`): Cognito, Auth0 (`auth0|…`), Okta and
 * URI subjects all fit.
 */
export const CUSTOMER_ID_PATTERN = /^[\x21-\x7E]{1,255}$/;
export const CustomerId = /* @__PURE__ */ (() =>
  v.pipe(
    cleanText,
    v.regex(CUSTOMER_ID_PATTERN, "must be 1-255 printable ASCII characters without spaces"),
  ))();

export const Email = /* @__PURE__ */ (() =>
  v.pipe(
    cleanText,
    v.maxLength(254, "must be at most 254 characters"),
    v.email("must be an e-mail address"),
  ))();

export const Customer = /* @__PURE__ */ (() => v.strictObject({ id: CustomerId, email: Email }))();
export type Customer = v.InferOutput<typeof Customer>;
