import {
  ChargePaymentInput,
  ChargePaymentOutput,
  CreateShipmentInput,
  CreateShipmentOutput,
  EVENT_DETAIL_ATTRIBUTES,
  EVENT_OF_STATUS,
  type Order,
  parseOrThrow,
  RefundPaymentInput,
  RefundPaymentOutput,
  ReleaseInventoryInput,
  ReleaseInventoryOutput,
  ReserveInventoryInput,
  ReserveInventoryOutput,
  ValidatedOrder,
  ValidateOrderInput,
} from "@orderflow/domain";
import { StateMachine } from "aws-local-stepfunctions";
import { type AslDefinition, integrationOf, type TaskState } from "../src/asl";
import { requiredFields } from "../src/order/task-io";

type Json = Record<string, unknown>;

/**
 * What a fault plan makes a state do on successive calls; absent or exhausted means "ok". `tookEffect`:
 * the call did its work and then its answer was lost. `answers`: the call succeeds with these fields.
 */
export type Fault =
  | "ok"
  | { readonly throws: string; readonly tookEffect?: boolean }
  | { readonly answers: Json };

export interface RunOptions {
  /** @default "arn:aws:states:local:000000000000:execution:orders:<orderId>" */
  readonly executionId?: string;
  /** @default "local-task-token" */
  readonly taskToken?: string;
}

export interface RunResult {
  readonly status: "SUCCEEDED" | "FAILED";
  readonly error?: string;
  readonly cause?: string;
  readonly output?: unknown;
  /** States in the order entered (retries of a state are not repeated). */
  readonly entered: readonly string[];
  readonly retried: readonly string[];
  /** The request each service-integration state (DynamoDB, ECS) made, by state, paths resolved. */
  readonly serviceCalls: Readonly<Record<string, Json[]>>;
  /** The order's item in the orders table as the status writes left it (plain values), if written. */
  readonly item?: Json;
  /** Contract problems the stubs found: task inputs and outputs, and the outbox of each status write. */
  readonly contractProblems: readonly string[];
}

const CONTRACTS = {
  ValidateOrder: [ValidateOrderInput, ValidatedOrder],
  ReserveInventory: [ReserveInventoryInput, ReserveInventoryOutput],
  ChargePayment: [ChargePaymentInput, ChargePaymentOutput],
  CreateShipment: [CreateShipmentInput, CreateShipmentOutput],
  ReleaseInventory: [ReleaseInventoryInput, ReleaseInventoryOutput],
  RefundPayment: [RefundPaymentInput, RefundPaymentOutput],
} as const;

const NOW = "2025-01-01T00:00:00.000Z";
const TRACKING = "TRK-1";

/** What the stand-ins have done so far, so the compensations answer like the real ones. */
interface World {
  reserved: boolean;
  charged: boolean;
  shipped: boolean;
  readonly orders: Map<string, Json>;
}

/** Contract-shaped results of the six tasks, computed from their input and what happened before. */
function taskResult(name: string, input: Json, world: World): Json {
  const orderId = input.orderId as string;
  switch (name) {
    case "ValidateOrder": {
      const total = { amount: 4500, currency: "EUR" };
      const items = input.items as { sku: string; quantity: number }[];
      const lines = items.map((i) => ({
        ...i,
        unitPrice: { amount: 1500, currency: "EUR" },
        lineTotal: { amount: 1500 * i.quantity, currency: "EUR" },
      }));
      const { customer, currency, payment } = input as {
        customer: { id: string };
        currency: string;
        payment: Json;
      };
      return { orderId, customerId: customer.id, currency, items, payment, lines, subtotal: total, total };
    }
    case "ReserveInventory":
      world.reserved = true;
      return { orderId, items: [{ sku: "SKU-MUG", quantity: 1 }], status: "HELD", createdAt: NOW };
    case "ChargePayment":
      world.charged = true;
      return { orderId, chargeId: `ch_${orderId}`, amount: input.amount, status: "CAPTURED", createdAt: NOW };
    case "CreateShipment":
      world.shipped = true;
      return {
        orderId,
        shipmentId: `sh_${orderId}`,
        carrier: "DHL",
        trackingNumber: TRACKING,
        status: "CREATED",
        createdAt: NOW,
      };
    case "ReleaseInventory": {
      const outcome = world.shipped ? "ALREADY_SHIPPED" : world.reserved ? "RELEASED" : "NOTHING_RESERVED";
      return { orderId, outcome, items: [] };
    }
    default:
      return world.charged
        ? { orderId, outcome: "REFUNDED", amount: { amount: 4500, currency: "EUR" } }
        : { orderId, outcome: "NOTHING_CAPTURED" };
  }
}

function contractProblem(name: string, payload: Json): string | undefined {
  const [schema] = CONTRACTS[name as keyof typeof CONTRACTS];
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

function outputProblem(name: string, result: Json): string | undefined {
  try {
    parseOrThrow(CONTRACTS[name as keyof typeof CONTRACTS][1], result);
    return undefined;
  } catch (error) {
    return `${name} answered outside its contract: ${(error as Error).message}`;
  }
}

/** A DynamoDB attribute value in wire form as a plain value. */
function plain(value: unknown): unknown {
  const v = value as { S?: string; N?: string; M?: Record<string, unknown> };
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return Number(v.N);
  if (v.M !== undefined) return Object.fromEntries(Object.entries(v.M).map(([k, m]) => [k, plain(m)]));
  return value;
}

/**
 * An UpdateItem on the orders table as DynamoDB applies it (SET with `if_not_exists`, the status
 * condition), and the outbox contract the stream relies on: the status's event and its detail attributes.
 */
function updateOrder(world: World, request: Json, problems: string[], name: string): void {
  const key = plain((request.Key as Json).orderId) as string;
  const names = request.ExpressionAttributeNames as Record<string, string>;
  const values = request.ExpressionAttributeValues as Record<string, unknown>;
  const before = world.orders.get(key);
  const item: Json = { ...before, orderId: key };
  const set = String(request.UpdateExpression)
    .replace(/^SET /, "")
    .split(/, (?![^(]*\))/);
  for (const clause of set) {
    const [target, source] = clause.split(" = ") as [string, string];
    const fallback = /^if_not_exists\((#\w+), (:\w+)\)$/.exec(source);
    const attribute = names[target] as string;
    item[attribute] = fallback
      ? (item[names[fallback[1] as string] as string] ?? plain(values[fallback[2] as string]))
      : plain(values[source]);
  }
  const status = plain(values[":status"]);
  if (before && before.status !== "PENDING" && before.status !== status) {
    throw Object.assign(new Error("The conditional request failed"), {
      name: "DynamoDB.ConditionalCheckFailedException",
    });
  }
  const event = EVENT_OF_STATUS[item.status as keyof typeof EVENT_OF_STATUS];
  if (item.eventType !== event)
    problems.push(`${name}: eventType ${item.eventType} for status ${item.status}`);
  for (const attribute of event ? EVENT_DETAIL_ATTRIBUTES[event] : []) {
    if (item[attribute] === undefined || item[attribute] === "")
      problems.push(`${name}: the item has no ${attribute}`);
  }
  world.orders.set(key, item);
}

/** The stand-in of each Task: Lambda and ECS run the task results, DynamoDB works on the world. */
function stub(
  name: string,
  state: TaskState,
  world: World,
  problems: string[],
  options: Required<RunOptions>,
) {
  const integration = integrationOf(state.Resource);
  return (input: Json): Json => {
    if (integration === "lambda" || integration === "ecs") {
      const payload =
        integration === "lambda" ? (input.Payload as Json) : containerInput(name, input, problems, options);
      const problem = contractProblem(name, payload);
      if (problem) problems.push(problem);
      const result = taskResult(name, payload, world);
      const output = outputProblem(name, result);
      if (output) problems.push(output);
      return integration === "lambda" ? { Payload: result, StatusCode: 200 } : result;
    }
    if (integration === "dynamodb-write") {
      updateOrder(world, input, problems, name);
      return {};
    }
    const orderId = plain((input.Key as Json).orderId) as string;
    return world.shipped ? { Item: { orderId: { S: orderId }, trackingNumber: { S: TRACKING } } } : {};
  };
}

/** The environment overrides of a container state's first call, as the engine resolved them. */
export interface ContainerOverride {
  readonly Name: string;
  readonly Environment: readonly { readonly Name: string; readonly Value: string }[];
}

export function containerOverridesOf(run: RunResult, state: string): readonly ContainerOverride[] {
  const request = run.serviceCalls[state]?.[0] as
    | { Overrides?: { ContainerOverrides?: ContainerOverride[] } }
    | undefined;
  const overrides = request?.Overrides?.ContainerOverrides;
  if (overrides === undefined) throw new Error(`${state} made no ECS call with container overrides`);
  return overrides;
}

function containerInput(name: string, input: Json, problems: string[], options: Required<RunOptions>): Json {
  const [override] = (input.Overrides as Json).ContainerOverrides as [Json];
  const env = Object.fromEntries(
    (override.Environment as { Name: string; Value: string }[]).map((e) => [e.Name, e.Value]),
  );
  if (env.TASK_TOKEN !== options.taskToken) problems.push(`${name}: TASK_TOKEN is ${env.TASK_TOKEN}`);
  return JSON.parse(env.TASK_INPUT as string) as Json;
}

/** A stub that follows the fault plan first: throw (after doing the work, if it took effect) or answer. */
function planned(name: string, run: (input: Json) => Json, faults: readonly Fault[] = []) {
  let call = 0;
  return async (input: unknown): Promise<Json> => {
    const fault = faults[call++] ?? "ok";
    if (fault === "ok") return run(input as Json);
    if ("answers" in fault) {
      const result = run(input as Json);
      return "Payload" in result
        ? { ...result, Payload: { ...(result.Payload as Json), ...fault.answers } }
        : { ...result, ...fault.answers };
    }
    if (fault.tookEffect) run(input as Json);
    throw Object.assign(new Error(`injected ${fault.throws} at ${name}`), { name: fault.throws });
  };
}

/**
 * Runs one order through `definition` in aws-local-stepfunctions, the engine the local runtime uses,
 * with stand-ins for the tasks that check every contract: Lambda states get the invoke response shape
 * (`{ Payload }`), the ECS state reads its token and input from the container overrides, the status
 * writes update an in-memory orders item under its condition and must leave the outbox complete, the
 * shipment read finds the shipment if one was booked. Retry waits are zero; the definition is not changed.
 */
export async function runOrder(
  definition: AslDefinition,
  order: Order,
  faults: Readonly<Record<string, readonly Fault[]>> = {},
  runOptions: RunOptions = {},
): Promise<RunResult> {
  const options: Required<RunOptions> = {
    executionId: `arn:aws:states:local:000000000000:execution:orders:${order.orderId}`,
    taskToken: "local-task-token",
    ...runOptions,
  };
  const world: World = { reserved: false, charged: false, shipped: false, orders: new Map() };
  const serviceCalls: Record<string, Json[]> = {};
  const contractProblems: string[] = [];
  const handlers: Record<string, (input: unknown) => Promise<Json>> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type !== "Task") continue;
    const run = stub(name, state, world, contractProblems, options);
    const recorded = (input: Json) => {
      if (integrationOf(state.Resource) !== "lambda")
        serviceCalls[name] = [...(serviceCalls[name] ?? []), input];
      return run(input);
    };
    handlers[name] = planned(name, recorded, faults[name]);
  }
  const machine = new StateMachine(structuredClone(definition) as never);
  const execution = machine.run(order as never, {
    overrides: {
      taskResourceLocalHandlers: handlers as never,
      retryIntervalOverrides: Object.fromEntries(Object.keys(definition.States).map((name) => [name, 0])),
    },
    context: {
      Execution: { Id: options.executionId, Name: order.orderId },
      State: { EnteredTime: NOW, Name: "", RetryCount: 0 },
      Task: { Token: options.taskToken },
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
  const common = { entered, retried, serviceCalls, contractProblems };
  let result: RunResult;
  try {
    const output = await execution.result;
    result = { status: "SUCCEEDED", output, ...common };
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    result = { status: "FAILED", ...(cause && { error: cause.name, cause: cause.message }), ...common };
  }
  await logging;
  const item = world.orders.get(order.orderId);
  return item ? { ...result, item } : result;
}
