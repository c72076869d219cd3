import type { RequestAuthorizer } from "./caller";
import type { RawRequestBody } from "./request-body";

/** The parts of an API Gateway HTTP API (payload format 2.0) event the API reads. */
export interface ApiRequest extends RawRequestBody {
  readonly rawPath: string;
  readonly queryStringParameters?: Readonly<Record<string, string | undefined>>;
  readonly requestContext: {
    readonly http: { readonly method: string };
    readonly domainName?: string;
    readonly requestId?: string;
    readonly authorizer?: RequestAuthorizer;
  };
}
