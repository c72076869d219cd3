/** Failures that mean "no usable credentials", whatever the service. */
const CREDENTIAL_ERRORS = new Set([
  "CredentialsProviderError",
  "TokenProviderError",
  "ExpiredToken",
  "ExpiredTokenException",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
]);

/** Failures of reaching AWS at all, by Node's error code. */
export const NETWORK_CODES = new Set(["ENOTFOUND", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EAI_AGAIN"]);

/** Whether `error` came from AWS or from reaching it, rather than from a mistake of ours. */
export function isAwsError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, code } = error as { name?: string; code?: string };
  return (
    "$metadata" in error ||
    name === "CredentialsProviderError" ||
    name === "TokenProviderError" ||
    NETWORK_CODES.has(code ?? "")
  );
}

export const LOG_IN_WITH_DEPLOY_ROLE =
  "log in with the stack's deploy role: `aws sso login --profile <profile>` and `export AWS_PROFILE=<profile>` " +
  "(in CI: aws-actions/configure-aws-credentials with the environment's role)";

/** An SDK error as `Name: message`, short enough for a table cell. */
export function awsErrorText(error: unknown): string {
  const { name, message } = error as { name?: string; message?: string };
  return `${name ?? "Error"}: ${message ?? String(error)}`;
}

export function isCredentialError(error: unknown): boolean {
  return CREDENTIAL_ERRORS.has((error as { name?: string }).name ?? "");
}

/** What to do about an AWS error in a check that needs `actions`. */
export function awsErrorFix(error: unknown, actions: string): string {
  if (isCredentialError(error)) return LOG_IN_WITH_DEPLOY_ROLE;
  if (
    (error as { name?: string }).name === "AccessDeniedException" ||
    (error as { name?: string }).name === "AccessDenied"
  ) {
    return `the deploy role needs ${actions} (infra/iam/deploy-role-policy.json)`;
  }
  return "retry; if it persists, check the AWS service health for the region";
}
