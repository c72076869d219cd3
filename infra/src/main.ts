/**
 * The entry the Pulumi CLI runs (bundled to `dist/main.mjs`, see README). Pulumi calls the default export
 * and publishes what it returns as the stack outputs.
 */
import { orderflowProgram } from "./program";

export default async function main() {
  return orderflowProgram();
}
