import { NETWORK_CODES } from "../aws-error-text";
import { StartFailure } from "./start-failure";

const CONFIGURE_CREDENTIALS =
  "configure them first: `aws sso login --profile <profile>` and `export AWS_PROFILE=<profile>`, " +
  "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (see docs/operations.md)";

/**
 * An AWS SDK error as one actionable line. `stateMachineArn` names what was being started, for the
 * messages that are about it.
 */
export function awsFailure(error: unknown, stateMachineArn: string): StartFailure {
  const { name, message, code } = error as { name?: string; message?: string; code?: string };
  if (NETWORK_CODES.has(code ?? "")) {
    return new StartFailure("aws", `cannot reach AWS Step Functions (${code}): check the network and retry`);
  }
  switch (name) {
    case "CredentialsProviderError":
    case "TokenProviderError":
      return new StartFailure("aws", `no usable AWS credentials (${message}); ${CONFIGURE_CREDENTIALS}`);
    case "ExpiredTokenException":
    case "ExpiredToken":
      return new StartFailure("aws", `your AWS session has expired; log in again: ${CONFIGURE_CREDENTIALS}`);
    case "UnrecognizedClientException":
    case "InvalidSignatureException":
      return new StartFailure("aws", `AWS rejected the credentials (${message}); ${CONFIGURE_CREDENTIALS}`);
    case "AccessDeniedException":
      return new StartFailure(
        "aws",
        `access denied (${message}); the role needs states:StartExecution and states:DescribeExecution ` +
          `on ${stateMachineArn}`,
      );
    case "StateMachineDoesNotExist":
      return new StartFailure(
        "aws",
        `state machine ${stateMachineArn} does not exist for these credentials: ` +
          "check the account and region, or whether the stack is deployed",
      );
    default:
      return new StartFailure("aws", `${name ?? "Error"}: ${message ?? String(error)}`);
  }
}
