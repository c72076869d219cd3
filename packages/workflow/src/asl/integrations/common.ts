import type { ErrorOptions, FlowOptions } from "../states";

/** What every integration helper takes besides its own parameters. */
export interface IntegrationOptions extends FlowOptions, ErrorOptions {
  readonly timeoutSeconds: number;
}
