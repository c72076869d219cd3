import type { Policies } from "@pulumi/policy";
import { apiRules } from "./api-rules";
import { containerRules } from "./container-rules";
import { dataRules } from "./data-rules";
import { deliveryRules } from "./delivery-rules";
import { eventRules } from "./event-rules";
import { iamRules } from "./iam-rules";
import { lambdaRules } from "./lambda-rules";
import { stackRules } from "./stack-rules";
import { workflowRules } from "./workflow-rules";

/** The pack's name as `pulumi preview --policy-pack` reports it. */
export const POLICY_PACK_NAME = "orderflow";

/**
 * Every rule, as data. Constructing a `PolicyPack` starts its gRPC server, so only the pack entry
 * (`policy-pack.ts`) wraps these; tests and the offline runner use them directly.
 */
export const policies: Policies = [
  ...lambdaRules,
  ...workflowRules,
  ...apiRules,
  ...iamRules,
  ...containerRules,
  ...dataRules,
  ...eventRules,
  ...deliveryRules,
  ...stackRules,
];
