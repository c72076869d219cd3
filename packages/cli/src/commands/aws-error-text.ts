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

export const CONFIGURE_CREDENTIALS =
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
  if (isCredentialError(error)) return CONFIGURE_CREDENTIALS;
  if (
    (error as { name?: string }).name === "AccessDeniedException" ||
    (error as { name?: string }).name === "AccessDenied"
  ) {
    return `the deploy role needs ${actions} (infra/iam/deploy-role-policy.json)`;
  }
  return "retry; if it persists, check the AWS service health for the region";
}
