import { describeIssues, formatIssues, Order, OrderRequest } from "@orderflow/domain";
import * as v from "valibot";
import { CliError } from "../command";
import { readJsonFile } from "../read-json-file";
import { StartFailure } from "./start-failure";

/**
 * The order in `path`, checked against the contract the API applies (`OrderRequest`) and given an id when
 * it has none, as the API does. The id becomes the execution name.
 */
export async function readOrder(path: string, newOrderId: () => string): Promise<Order> {
  let json: unknown;
  try {
    json = await readJsonFile("--input", path);
  } catch (error) {
    if (error instanceof CliError) throw new StartFailure("input", error.message);
    throw error;
  }
  const request = v.safeParse(OrderRequest, json);
  if (!request.success) {
    const problems = formatIssues(describeIssues(request.issues));
    throw new StartFailure("input", `--input ${path}: not a valid order: ${problems}`);
  }
  // Parsed again as an Order so that the id leads the keys whether it was given or assigned.
  return v.parse(Order, { ...request.output, orderId: request.output.orderId ?? newOrderId() });
}
