/**
 * One DynamoDB Local for a whole workspace run. Every package's test run would otherwise start its own JVM,
 * and on a small machine a dozen JVMs warming up at once cost more than the tests they serve. A runner
 * (`with-dynamodb-local.ts`) starts one and hands its endpoint to every child through this variable; each
 * test run's global setup uses it when set and starts its own otherwise.
 */
export const SHARED_ENDPOINT_ENV = "ORDERFLOW_DYNAMODB_LOCAL_ENDPOINT";

/** The endpoint of a DynamoDB Local some runner shares with this process, if any. */
export function sharedEndpoint(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const endpoint = env[SHARED_ENDPOINT_ENV];
  if (endpoint === undefined || endpoint === "") return undefined;
  if (!/^http:\/\/(127\.0\.0\.1|localhost):\d{1,5}$/.test(endpoint)) {
    throw new Error(
      `${SHARED_ENDPOINT_ENV} must be a loopback endpoint such as http://127.0.0.1:8000, got ${JSON.stringify(endpoint)}`,
    );
  }
  return endpoint;
}
