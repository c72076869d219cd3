/** Node.js runtime every function runs on: the latest Lambda offers (DESIGN §5, cdk-nag AwsSolutions-L1). */
export const LAMBDA_RUNTIME = "nodejs24.x";

/** Graviton: cheaper per GB-second than x86 for the same bundles. */
export const LAMBDA_ARCHITECTURE = "arm64";
