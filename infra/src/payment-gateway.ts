import type { FunctionManifest } from "@orderflow/domain";
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config/load";
import type { StatementInput } from "./iam/policy-document";

/** What the payment functions get for the configured gateway: its variables, and the grants it needs. */
export interface PaymentWiring {
  readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
  readonly statements: readonly StatementInput[];
}

/** What a function that takes no payments gets. */
export const NO_PAYMENTS: PaymentWiring = { environment: {}, statements: [] };

/**
 * The gateway both payment functions use. For Stripe, the secret key goes from Pulumi secret config into
 * an SSM SecureString parameter (under the AWS-managed `aws/ssm` key, which lets every principal of the
 * account decrypt through Parameter Store, so the grant is `ssm:GetParameter` on this one parameter and
 * no `kms:Decrypt`); the functions get its name, never the key.
 */
export function paymentGateway(config: StackConfig, provider: aws.Provider): PaymentWiring {
  const environment = { PAYMENT_GATEWAY: config.paymentGateway };
  if (config.paymentGateway !== "stripe" || config.stripeSecretKey === undefined)
    return { environment, statements: [] };
  const parameter = new aws.ssm.Parameter(
    "stripe-secret-key",
    {
      name: `/${config.project}/${config.stack}/stripe-secret-key`,
      description: "Stripe secret key of the payment functions, from the secret orderflow:stripeSecretKey",
      type: "SecureString",
      value: config.stripeSecretKey,
    },
    { provider },
  );
  return {
    environment: { ...environment, STRIPE_SECRET_KEY_PARAMETER_NAME: parameter.name },
    statements: [
      {
        Sid: "ReadStripeSecretKey",
        Effect: "Allow",
        Action: ["ssm:GetParameter"],
        Resource: [parameter.arn],
      },
    ],
  };
}

/** The payment functions are those whose manifest reads the gateway's name. */
export function usesPaymentGateway(manifest: FunctionManifest): boolean {
  return "PAYMENT_GATEWAY" in manifest.env;
}
