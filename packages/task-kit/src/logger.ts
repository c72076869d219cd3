import { Logger } from "@aws-lambda-powertools/logger";

/**
 * One structured JSON logger per function. Callers log identifiers (order id, execution id) and
 * outcomes, never payloads: orders carry e-mail addresses and card tokens.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}
