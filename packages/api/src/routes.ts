/** One route of the HTTP API, as API Gateway (in the cloud) and the local gateway (on a laptop) serve it. */
export interface ApiRoute {
  readonly method: "GET" | "POST";
  /** API Gateway's path template; `{name}` is a path parameter, e.g. `/orders/{id}`. */
  readonly path: string;
  /** OAuth scopes the JWT authorizer requires (any one of them). */
  readonly scopes: readonly string[];
}

/** The API's surface: place an order (`orders:write`), list the caller's orders and read one (`orders:read`). */
export const ORDER_ROUTES: readonly ApiRoute[] = [
  { method: "POST", path: "/orders", scopes: ["orders:write"] },
  { method: "GET", path: "/orders", scopes: ["orders:read"] },
  { method: "GET", path: "/orders/{id}", scopes: ["orders:read"] },
];
