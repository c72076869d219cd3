import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

export type HttpResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

/** A JSON response; the body is always serialised here so every reply has one content type per kind. */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = "application/json",
): HttpResponse {
  return { statusCode, headers: { "content-type": contentType, ...headers }, body: JSON.stringify(body) };
}
