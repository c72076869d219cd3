/**
 * Test support for the reservation protocol, for this package's tests and those of every task that runs
 * it: a scripted ledger, reservation records, test access to the inventory and reservations tables, the
 * protocol's reserve and release, the DynamoDB actions a client sends, and the arbitraries of the
 * model-based stock properties. Only tests import it (it needs vitest and fast-check); no Lambda bundle
 * does.
 */
export { protocolRuns } from "./protocol-runs";
export { linesOf, recordOf } from "./records";
export { type LedgerScript, scriptedLedger } from "./scripted-ledger";
export { sentActions } from "./sent-actions";
export { MODEL_SKUS, stockAndOrders } from "./stock-model";
export { stockTables } from "./stock-tables";
