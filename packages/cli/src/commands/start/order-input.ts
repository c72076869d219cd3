import { describeIssues, formatIssues, Order, OrderRequest, PARSE_CONFIG } from "@orderflow/domain";
import * as v from "valibot";
import { CliError } from "../command";
import { readJsonFile } from "../read-json-file";
import { StartFailure } from "./start-failure";

/**
 * The order in `path`, checked against the contract the API applies (`OrderRequest`) and given an id when
 * it has none. The id becomes the execution name as it is (the API derives its ids from the customer and
 * the key instead), and the file must name the customer: the API takes it from the caller's token.
 */
export async function readOrder(path: string, newOrderId: () => string): Promise<Order> {
  let json: unknown;
  try {
    json = await readJsonFile("--input", path);
  } catch (error) {
    if (error instanceof CliError) throw new StartFailure("input", error.message);
    throw error;
  }
  const request = v.safeParse(OrderRequest, json, PARSE_CONFIG);
  if (!request.success) throw invalid(path, request.issues);
  // Parsed again as an Order so that the id leads the keys whether it was given or assigned.
  const order = v.safeParse(
    Order,
    { ...request.output, orderId: request.output.orderId ?? newOrderId() },
    PARSE_CONFIG,
  );
  if (!order.success) throw invalid(path, order.issues);
  return order.output;
}

function invalid(path: string, issues: readonly v.BaseIssue<unknown>[]): StartFailure {
  return new StartFailure(
    "input",
    `--input ${path}: not a valid order: ${formatIssues(describeIssues(issues))}`,
  );
}
