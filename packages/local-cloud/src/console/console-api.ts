import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { readInventory } from "@orderflow/dynamodb-local";
import {
  DEMO_STOCK,
  FAULT_OUTCOMES,
  InvalidFaultPlan,
  LOCAL_STATE_MACHINE_ARN,
  type LocalRuntime,
} from "@orderflow/local";
import { SANDBOX_TOKENS } from "@orderflow/payments";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import type { DevIssuer } from "../api/dev-issuer";
import type { Mailbox } from "../notify/mailbox";
import type { LocalRule } from "../notify/rule";
import { historyOf } from "../sfn/history";
import { type LocalStepFunctions, statusOf } from "../sfn/step-functions";
import { taskResources } from "../sfn/task-resources";
import { executionPath } from "./execution-view";
import { graphSvg } from "./graph-svg";

/** The customers the order form offers: the development issuer signs a token for whichever is picked. */
export const CONSOLE_CUSTOMERS = [
  { id: "cus_ana", email: "ana@example.com", name: "Ana Lima" },
  { id: "cus_ben", email: "ben@example.org", name: "Ben Ode" },
] as const;

export interface ConsoleDeps {
  readonly runtime: LocalRuntime;
  readonly sfn: LocalStepFunctions;
  readonly mailbox: Mailbox;
  readonly rule: LocalRule;
  readonly issuer: DevIssuer;
  readonly faults: { get(): unknown; set(plan: unknown): void };
}

export interface ConsoleReply {
  readonly status: number;
  readonly body: unknown;
}

const ok = (body: unknown): ConsoleReply => ({ status: 200, body });
const problem = (status: number, message: string): ConsoleReply => ({ status, body: { message } });

/** Which workflow state undoes which: compensations show as such on the graph. */
const COMPENSATION_OF = new Map(
  WORKFLOW_TASKS.flatMap((m) => (m.compensates ? [[m.stateName, m.compensates] as const] : [])),
);

async function overview({ runtime, sfn, faults }: ConsoleDeps) {
  const rows = await readInventory(
    runtime.clients.dynamodb,
    runtime.tables.inventory,
    Object.keys(DEMO_STOCK),
  );
  return {
    orderMachineArn: LOCAL_STATE_MACHINE_ARN,
    machines: sfn.list().map((m) => ({ arn: m.arn, name: m.name })),
    catalog: rows.map(({ sku, price, available, reserved }) => ({ sku, price, available, reserved })),
    customers: CONSOLE_CUSTOMERS,
    cards: Object.entries(SANDBOX_TOKENS).map(([label, token]) => ({ label, token })),
    faultableStates: runtime.faultableStates,
    faultOutcomes: FAULT_OUTCOMES,
    nextFaults: faults.get(),
  };
}

async function executions({ runtime, sfn }: ConsoleDeps) {
  const { Items = [] } = await runtime.clients.documents.send(
    new ScanCommand({
      TableName: runtime.tables.orders,
      ProjectionExpression: "orderId, #s",
      ExpressionAttributeNames: { "#s": "status" },
    }),
  );
  const orderStatus = new Map(Items.map((item) => [String(item.orderId), String(item.status)]));
  const names = new Map(sfn.list().map((m) => [m.arn, m.name]));
  return sfn
    .executions()
    .map((e) => {
      const { status, stopDate } = statusOf(e);
      return {
        executionArn: e.executionArn,
        stateMachineArn: e.stateMachineArn,
        machine: names.get(e.stateMachineArn) ?? e.stateMachineArn,
        name: e.name,
        status,
        startDate: e.startDate.toISOString(),
        stopDate: stopDate?.toISOString() ?? null,
        orderStatus:
          e.stateMachineArn === LOCAL_STATE_MACHINE_ARN ? (orderStatus.get(e.orderId) ?? null) : null,
      };
    })
    .reverse();
}

async function execution(deps: ConsoleDeps, arn: string) {
  const { runtime, sfn, mailbox, rule } = deps;
  const run = sfn.execution(arn);
  const machine = sfn.machine(run.stateMachineArn);
  const { status, stopDate } = statusOf(run);
  const isOrder = machine.arn === LOCAL_STATE_MACHINE_ARN;
  return {
    execution: {
      executionArn: run.executionArn,
      name: run.name,
      machine: machine.name,
      status,
      startDate: run.startDate.toISOString(),
      stopDate: stopDate?.toISOString() ?? null,
      input: run.input,
    },
    graph: graphSvg(machine.definition),
    path: executionPath(run, isOrder ? COMPENSATION_OF : new Map(), status === "RUNNING"),
    history: historyOf(run, {
      tasks: taskResources(machine.definition),
      region: "eu-central-1",
      roleArn: machine.roleArn,
    }),
    ledger: isOrder
      ? {
          ...(await runtime.ledger(run.orderId)),
          mails: mailbox.forOrder(run.orderId),
          undelivered: rule.deadLetters.filter((d) => d.orderId === run.orderId),
        }
      : null,
  };
}

/**
 * The console's own JSON endpoints (`/console/api/…`): what the page shows besides what the orders API
 * and the Step Functions endpoint answer. Reads are cheap scans of the local tables; nothing here exists
 * in AWS.
 */
export async function consoleApi(
  deps: ConsoleDeps,
  request: {
    readonly method: string;
    readonly path: string;
    readonly query: URLSearchParams;
    readonly body: unknown;
  },
): Promise<ConsoleReply> {
  const { method, path, query, body } = request;
  const route = `${method} ${path}`;
  switch (route) {
    case "GET /console/api/overview":
      return ok(await overview(deps));
    case "GET /console/api/executions":
      return ok(await executions(deps));
    case "GET /console/api/execution":
      return ok(await execution(deps, query.get("arn") ?? ""));
    case "GET /console/api/mails":
      return ok({ mails: [...deps.mailbox.all()].reverse(), undelivered: deps.rule.deadLetters });
    case "PUT /console/api/next-faults":
      try {
        const plan = deps.runtime.parseFaults((body as { plan?: unknown } | null)?.plan ?? {});
        deps.faults.set(plan);
        return ok({ plan });
      } catch (error) {
        if (error instanceof InvalidFaultPlan) return problem(400, error.message);
        throw error;
      }
    case "POST /console/api/token": {
      const sub = (body as { sub?: unknown } | null)?.sub;
      if (typeof sub !== "string" || !CONSOLE_CUSTOMERS.some((c) => c.id === sub)) {
        return problem(400, `sub must be one of ${CONSOLE_CUSTOMERS.map((c) => c.id).join(", ")}`);
      }
      return ok({ token: await deps.issuer.sign({ sub }) });
    }
    default:
      return problem(404, `the console has no ${route}`);
  }
}
