/**
 * The CrossGuard entry (bundled to `dist/policy-pack.cjs`, loaded through `policy-pack/`). Importing this
 * module starts the policy server, which is why nothing else imports it.
 */
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, policies } from "./policies";

new PolicyPack(POLICY_PACK_NAME, {
  description: "orderflow: least privilege, logging, tracing, data protection and the workflow rules",
  enforcementLevel: "mandatory",
  policies,
});
