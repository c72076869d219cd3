import {
  ChargePaymentInput,
  CreateShipmentInput,
  type Order,
  parseOrThrow,
  RefundPaymentInput,
  ReleaseInventoryInput,
  ReserveInventoryInput,
  ValidateOrderInput,
} from "@orderflow/domain";
import { StateMachine } from "aws-local-stepfunctions";
import { type AslDefinition, integrationOf, type TaskState } from "../src/asl";
import { requiredFields } from "../src/order/task-io";

/** What a fault plan makes a state do on successive calls; absent or exhausted means "ok". */
export type Fault = "ok" | { readonly throws: string };

type Json = Record<string, unknown>;

export interface RunResult {
  readonly status: "SUCCEEDED" | "FAILED";
  readonly error?: string;
  readonly cause?: string;
  readonly output?: unknown;
  /** States in the order entered (retries of a state are not repeated). */
  readonly entered: readonly string[];
  readonly retried: readonly string[];
  /** Parameters each service-integration state was called with, by state. */
  readonly serviceCalls: Readonly<Record<string, Json[]>>;
  /** Input-contract problems the Lambda and container stubs found (must stay empty). */
  readonly contractProblems: readonly string[];
}

const INPUTS = {
  ValidateOrder: ValidateOrderInput,
  ReserveInventory: ReserveInventoryInput,
  ChargePayment: ChargePaymentInput,
  CreateShipment: CreateShipmentInput,
  ReleaseInventory: ReleaseInventoryInput,
  RefundPayment: RefundPaymentInput,
} as const;

const NOW = "2025-01-01T00:00:00.000Z";

/** Contract-shaped results of the six tasks, computed from their input like the real ones. */
function taskResult(name: string, input: Json): Json {
  const orderId = input.orderId as string;
  switch (name) {
    case "ValidateOrder": {
      const total = { amount: 4500, currency: "EUR" };
      const lines = (input.items as { sku: string; quantity: number }[]).map((i) => ({
        ...i,
        unitPrice: { amount: 1500, currency: "EUR" },
        lineTotal: { amount: 1500 * i.quantity, currency: "EUR" },
      }));
      return { ...input, lines, subtotal: total, total };
    }
    case "ReserveInventory":
      return { orderId, items: input.items, status: "HELD", createdAt: NOW };
    case "ChargePayment":
      return { orderId, chargeId: `ch_${orderId}`, amount: input.amount, status: "CAPTURED", createdAt: NOW };
    case "CreateShipment":
      return {
        orderId,
        shipmentId: `sh_${orderId}`,
        carrier: "DHL",
        trackingNumber: "TRK-1",
        status: "CREATED",
        createdAt: NOW,
      };
    case "ReleaseInventory":
      return { orderId, outcome: "RELEASED", items: [] };
    default:
      return { orderId, outcome: "REFUNDED", amount: { amount: 4500, currency: "EUR" } };
  }
}

function contractProblem(name: string, payload: Json): string | undefined {
  const schema = INPUTS[name as keyof typeof INPUTS];
  const { executionId, ...input } = payload;
  try {
    parseOrThrow(schema, input);
  } catch (error) {
    return `${name}: ${(error as Error).message}`;
  }
  const allowed = Object.keys(schema.entries);
  const extra = Object.keys(input).filter((key) => !allowed.includes(key));
  const missing = requiredFields(schema).filter((key) => !(key in input));
  if (extra.length + missing.length > 0) return `${name}: extra ${extra}, missing ${missing}`;
  if (name !== "ValidateOrder" && typeof executionId !== "string") return `${name}: no executionId`;
  return undefined;
}

/**
 * Runs one order through `definition` in aws-local-stepfunctions, the engine the local runtime uses,
 * with in-memory stand-ins for the tasks: Lambda states get the invoke response shape
 * (`{ Payload }`), the ECS state reads its token and input from the container overrides, service
 * integrations record their Parameters. Retry waits are zero; the definition is not changed.
 */
export async function runOrder(
  definition: AslDefinition,
  order: Order,
  faults: Readonly<Record<string, readonly Fault[]>> = {},
): Promise<RunResult> {
  const calls = new Map<string, number>();
  const serviceCalls: Record<string, Json[]> = {};
  const contractProblems: string[] = [];
  const handlers: Record<string, (input: unknown) => Promise<Json>> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type !== "Task") continue;
    const integration = integrationOf((state as TaskState).Resource);
    handlers[name] = async (raw) => {
      const input = raw as Json;
      const call = calls.get(name) ?? 0;
      calls.set(name, call + 1);
      const fault = faults[name]?.[call] ?? "ok";
      if (fault !== "ok")
        throw Object.assign(new Error(`injected ${fault.throws} at ${name}`), { name: fault.throws });
      if (integration === "lambda") {
        const payload = input.Payload as Json;
        const problem = contractProblem(name, payload);
        if (problem) contractProblems.push(problem);
        return { Payload: taskResult(name, payload), StatusCode: 200 };
      }
      if (integration === "ecs") {
        const [override] = (input.Overrides as Json).ContainerOverrides as Json[] as [Json];
        const env = Object.fromEntries(
          (override.Environment as { Name: string; Value: string }[]).map((e) => [e.Name, e.Value]),
        );
        if (env.TASK_TOKEN !== "local-task-token")
          contractProblems.push(`${name}: TASK_TOKEN is ${env.TASK_TOKEN}`);
        const payload = JSON.parse(env.TASK_INPUT as string) as Json;
        const problem = contractProblem(name, payload);
        if (problem) contractProblems.push(problem);
        return taskResult(name, payload);
      }
      serviceCalls[name] = [...(serviceCalls[name] ?? []), input];
      return integration === "eventbridge" ? { Entries: [{ EventId: "e-1" }], FailedEntryCount: 0 } : {};
    };
  }

  const machine = new StateMachine(structuredClone(definition) as never);
  const execution = machine.run(order as never, {
    overrides: {
      taskResourceLocalHandlers: handlers as never,
      retryIntervalOverrides: Object.fromEntries(Object.keys(definition.States).map((name) => [name, 0])),
    },
    context: {
      Execution: {
        Id: `arn:aws:states:local:000000000000:execution:orders:${order.orderId}`,
        Name: order.orderId,
      },
      State: { EnteredTime: NOW, Name: "", RetryCount: 0 },
      Task: { Token: "local-task-token" },
    } as never,
  });
  const entered: string[] = [];
  const retried: string[] = [];
  const logging = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === "StateEntered") entered.push(event.state.name);
      if (event.type === "StateRetried") retried.push(event.state.name);
    }
  })();
  let result: RunResult;
  try {
    const output = await execution.result;
    result = { status: "SUCCEEDED", output, entered, retried, serviceCalls, contractProblems };
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    result = {
      status: "FAILED",
      ...(cause && { error: cause.name, cause: cause.message }),
      entered,
      retried,
      serviceCalls,
      contractProblems,
    };
  }
  await logging;
  return result;
}
