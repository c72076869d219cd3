import { randomUUID } from "node:crypto";
import { asSfnError, SfnError } from "./errors";

/** The `X-Amz-Target` prefix of every Step Functions operation. */
export const SFN_TARGET_PREFIX = "AWSStepFunctions.";

/** The namespace Step Functions puts before each error's shape name in `__type`. */
const ERROR_NAMESPACE = "com.amazonaws.swf.service.v2.model";

export interface SfnReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

function reply(status: number, body: unknown, headers: Record<string, string> = {}): SfnReply {
  return {
    status,
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amzn-requestid": randomUUID(),
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

function errorReply(error: SfnError): SfnReply {
  return reply(
    error.status,
    { __type: `${ERROR_NAMESPACE}#${error.code}`, message: error.message },
    { "x-amzn-errortype": error.code },
  );
}

/**
 * One AWS JSON 1.0 request: `target` is the `X-Amz-Target` header, `body` the JSON request. Signatures are
 * not checked (any credentials do). Known failures answer in AWS's error shape; an unknown operation is
 * `UnknownOperationException`; anything else is logged by the caller and answered as `InternalFailure`.
 */
export async function handleSfnRequest(
  target: string,
  body: string,
  operations: Readonly<Record<string, (request: Readonly<Record<string, unknown>>) => unknown>>,
  onUnexpected: (error: unknown) => void,
): Promise<SfnReply> {
  const name = target.startsWith(SFN_TARGET_PREFIX) ? target.slice(SFN_TARGET_PREFIX.length) : "";
  const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
  if (!operation) {
    return errorReply(
      new SfnError(
        "UnknownOperationException",
        `the local Step Functions endpoint does not serve ${target || "(no X-Amz-Target)"}`,
      ),
    );
  }
  let request: unknown;
  try {
    request = body.trim() === "" ? {} : JSON.parse(body);
  } catch {
    return errorReply(new SfnError("SerializationException", "the request body is not JSON"));
  }
  if (typeof request !== "object" || request === null || Array.isArray(request)) {
    return errorReply(new SfnError("SerializationException", "the request body must be a JSON object"));
  }
  try {
    return reply(200, await operation(request as Record<string, unknown>));
  } catch (error) {
    const known = asSfnError(error);
    if (known) return errorReply(known);
    onUnexpected(error);
    return errorReply(
      new SfnError("InternalFailure", "the local Step Functions endpoint failed; see its log", 500),
    );
  }
}
