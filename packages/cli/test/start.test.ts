import { fileURLToPath } from "node:url";
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  SFNClient,
  SFNServiceException,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from "@aws-sdk/client-sfn";
import { executionArnOf, parseStateMachineArn } from "@orderflow/workflow/asl";
import { mockClient } from "aws-sdk-client-mock";
import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../src/commands/command";
import type { ProgramResult, RunProgram } from "../src/commands/run-program";
import { parseStartArgs, type StartCommandDeps, startCommand } from "../src/commands/start";
import order from "./fixtures/start/order.json" with { type: "json" };

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/start/${name}`, import.meta.url));

const ACCOUNT = "123456789012";
const MACHINE_ARN = `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:orderflow-dev-orders`;
const ALIAS_ARN = `${MACHINE_ARN}:live`;
const EXECUTION_ARN = `arn:aws:states:eu-west-1:${ACCOUNT}:execution:orderflow-dev-orders:ord_START_1`;
const STARTED_AT = new Date("2026-11-25T10:00:00.000Z");

const sfn = mockClient(SFNClient);
// The mock replaces the client's send for the whole worker: later files that share it get the real one.
afterAll(() => {
  sfn.restore();
});

interface Harness {
  readonly deps: StartCommandDeps;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly programCalls: { command: string; args: readonly string[]; cwd: string }[];
  readonly regions: string[];
  readonly sleeps: number[];
}

/** Dependencies with captured output; `program` answers `pulumi stack output` (default: both ARNs). */
function harness(
  program: () => Promise<ProgramResult> = () =>
    outputs({ stateMachineAliasArn: ALIAS_ARN, stateMachineArn: MACHINE_ARN }),
): Harness {
  const out: string[] = [];
  const err: string[] = [];
  const programCalls: Harness["programCalls"] = [];
  const regions: string[] = [];
  const sleeps: number[] = [];
  const runProgram: RunProgram = (command, args, { cwd }) => {
    programCalls.push({ command, args, cwd });
    return program();
  };
  return {
    deps: {
      io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } },
      runProgram,
      infraDir: "/repo/infra",
      sfnClient: (region) => {
        regions.push(region);
        return new SFNClient({ region, credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" } });
      },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      newOrderId: () => "ord_ASSIGNED",
    },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
    programCalls,
    regions,
    sleeps,
  };
}

function outputs(values: Record<string, unknown>): Promise<ProgramResult> {
  return Promise.resolve({ exitCode: 0, stdout: JSON.stringify(values), stderr: "" });
}

function awsError<T extends SFNServiceException>(
  Type: new (o: { message: string; $metadata: object }) => T,
  message: string,
): T {
  return new Type({ message, $metadata: {} });
}

beforeEach(() => {
  sfn.reset();
});

describe("orderflow start: finding the state machine", () => {
  it("reads the stack's outputs with pulumi in the infra folder and starts the alias", async () => {
    // Prepare
    const h = harness();
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: STARTED_AT });

    // Act
    const code = await startCommand({ stack: "dev", input: fixture("order.json") }, h.deps);

    // Assess
    expect(code).toBe(0);
    expect(h.programCalls).toEqual([
      { command: "pulumi", args: ["stack", "output", "--json", "--stack", "dev"], cwd: "/repo/infra" },
    ]);
    expect(sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input)).toEqual([
      { stateMachineArn: ALIAS_ARN, name: "ord_START_1", input: JSON.stringify(order) },
    ]);
    expect(h.regions).toEqual(["eu-west-1"]);
    expect(h.stdout()).toContain(`started order ord_START_1: ${EXECUTION_ARN}\n`);
    expect(h.stdout()).toContain(
      `console: https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/${EXECUTION_ARN}\n`,
    );
  });

  it("falls back to stateMachineArn when the stack has no alias output", async () => {
    const h = harness(() => outputs({ stateMachineArn: MACHINE_ARN, apiUrl: "https://x" }));
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: STARTED_AT });

    expect(await startCommand({ stack: "dev", input: fixture("order.json") }, h.deps)).toBe(0);
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.stateMachineArn).toBe(MACHINE_ARN);
  });

  it("uses --state-machine-arn without asking Pulumi", async () => {
    const h = harness(() => Promise.reject(new Error("must not run")));
    const arn = `arn:aws-cn:states:cn-north-1:${ACCOUNT}:stateMachine:orders`;
    sfn.on(StartExecutionCommand).resolves({ executionArn: "arn:x", startDate: STARTED_AT });

    expect(await startCommand({ stateMachineArn: arn, input: fixture("order.json") }, h.deps)).toBe(0);
    expect(h.programCalls).toEqual([]);
    expect(h.regions).toEqual(["cn-north-1"]);
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.stateMachineArn).toBe(arn);
  });

  it("reports an unknown stack with Pulumi's own words, exit 3, and calls no AWS API", async () => {
    // Prepare
    const h = harness(() =>
      Promise.resolve({ exitCode: 255, stdout: "", stderr: "\nerror: no stack named 'qa' found\n" }),
    );

    // Act
    const code = await startCommand({ stack: "qa", input: fixture("order.json") }, h.deps);

    // Assess
    expect(code).toBe(3);
    expect(h.stderr()).toBe(
      `orderflow start: cannot read the outputs of stack "qa": error: no stack named 'qa' found\n`,
    );
    expect(sfn.calls()).toHaveLength(0);
  });

  it("tells how to go on when the Pulumi CLI is not installed", async () => {
    const h = harness(() =>
      Promise.reject(Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" })),
    );

    expect(await startCommand({ stack: "dev", input: fixture("order.json") }, h.deps)).toBe(3);
    expect(h.stderr()).toMatch(
      /^orderflow start: the Pulumi CLI is not installed .*pass --state-machine-arn <arn>\n$/,
    );
  });

  it("says the stack is not deployed when it has no state-machine output", async () => {
    const h = harness(() => outputs({}));

    expect(await startCommand({ stack: "dev", input: fixture("order.json") }, h.deps)).toBe(3);
    expect(h.stderr()).toContain(
      `stack "dev" has no stateMachineAliasArn or stateMachineArn output: deploy it first`,
    );
  });

  it("rejects an --state-machine-arn that is not one, exit 2", async () => {
    const h = harness();

    expect(await startCommand({ stateMachineArn: "orders", input: fixture("order.json") }, h.deps)).toBe(2);
    expect(h.stderr()).toContain("orderflow start: orders is not a state machine ARN");
    expect(sfn.calls()).toHaveLength(0);
  });
});

describe("orderflow start: the order", () => {
  it("assigns an id to an order without one and names the execution after it", async () => {
    // Prepare
    const h = harness();
    sfn.on(StartExecutionCommand).resolves({ executionArn: "arn:x", startDate: STARTED_AT });

    // Act
    await startCommand({ stack: "dev", input: fixture("order-without-id.json") }, h.deps);

    // Assess
    const sent = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(sent?.name).toBe("ord_ASSIGNED");
    expect(sent?.input).toBe(JSON.stringify({ ...order, orderId: "ord_ASSIGNED" }));
  });

  it.each([
    ["missing.json", /^orderflow start: --input .*missing\.json: cannot read the file: no such file\n$/],
    ["not-json.txt", /^orderflow start: --input .*not-json\.txt: not valid JSON: /],
    [
      "order-invalid.json",
      /^orderflow start: --input .*order-invalid\.json: not a valid order: customer\.email: must be an e-mail address; items\[0\]\.quantity: must be at least 1\n$/,
    ],
    [
      "order-without-customer-id.json",
      /^orderflow start: --input .*order-without-customer-id\.json: not a valid order: customer\.id: is required\n$/,
    ],
  ])("rejects %s in one line, exit 2, before asking Pulumi or AWS", async (file, message) => {
    const h = harness();

    expect(await startCommand({ stack: "dev", input: fixture(file) }, h.deps)).toBe(2);
    expect(h.stderr()).toMatch(message);
    expect(h.programCalls).toEqual([]);
    expect(sfn.calls()).toHaveLength(0);
  });
});

describe("orderflow start --wait", () => {
  it("polls DescribeExecution until the execution succeeds and prints its output", async () => {
    // Prepare
    const h = harness();
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: STARTED_AT });
    sfn
      .on(DescribeExecutionCommand)
      .resolvesOnce({ status: "RUNNING", executionArn: EXECUTION_ARN })
      .resolvesOnce({ status: "RUNNING", executionArn: EXECUTION_ARN })
      .resolves({ status: "SUCCEEDED", executionArn: EXECUTION_ARN, output: '{"status":"COMPLETED"}' });

    // Act
    const code = await startCommand(
      { stack: "dev", input: fixture("order.json"), wait: true, pollIntervalMs: 500 },
      h.deps,
    );

    // Assess
    expect(code).toBe(0);
    expect(sfn.commandCalls(DescribeExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { executionArn: EXECUTION_ARN },
      { executionArn: EXECUTION_ARN },
      { executionArn: EXECUTION_ARN },
    ]);
    expect(h.sleeps).toEqual([500, 500]);
    expect(h.stderr()).toBe("waiting: RUNNING\n");
    expect(h.stdout()).toContain('status: SUCCEEDED\noutput: {\n  "status": "COMPLETED"\n}\n');
  });

  it.each(["FAILED", "TIMED_OUT", "ABORTED"] as const)(
    "prints the error and cause of a %s execution, exit 1",
    async (status) => {
      const h = harness();
      sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: STARTED_AT });
      sfn
        .on(DescribeExecutionCommand)
        .resolves({ status, error: "OrderFailed", cause: "PaymentDeclined: card expired" });

      expect(await startCommand({ stack: "dev", input: fixture("order.json"), wait: true }, h.deps)).toBe(1);
      expect(h.stdout()).toContain(
        `status: ${status}\nerror: OrderFailed\ncause: PaymentDeclined: card expired\n`,
      );
    },
  );

  it("keeps waiting through a redrive (PENDING_REDRIVE) and polls every 2 s by default", async () => {
    const h = harness();
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: STARTED_AT });
    sfn
      .on(DescribeExecutionCommand)
      .resolvesOnce({ status: "PENDING_REDRIVE" })
      .resolves({ status: "SUCCEEDED", output: "{}" });

    expect(await startCommand({ stack: "dev", input: fixture("order.json"), wait: true }, h.deps)).toBe(0);
    expect(h.sleeps).toEqual([2000]);
  });
});

describe("orderflow start on AWS errors", () => {
  it("reports an order started before by describing its execution, exit 0", async () => {
    // Prepare
    const h = harness();
    sfn.on(StartExecutionCommand).rejects(awsError(ExecutionAlreadyExists, "Execution Already Exists"));
    sfn
      .on(DescribeExecutionCommand)
      .resolves({ status: "SUCCEEDED", startDate: STARTED_AT, executionArn: EXECUTION_ARN });

    // Act
    const code = await startCommand({ stack: "dev", input: fixture("order.json") }, h.deps);

    // Assess: the execution belongs to the state machine, not to the alias that started it
    expect(code).toBe(0);
    expect(sfn.commandCalls(DescribeExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { executionArn: EXECUTION_ARN },
    ]);
    expect(h.stdout()).toContain(
      `order ord_START_1 was already started: ${EXECUTION_ARN} is SUCCEEDED (started 2026-11-25T10:00:00.000Z)\n`,
    );
  });

  it("follows the existing execution with --wait", async () => {
    const h = harness();
    sfn.on(StartExecutionCommand).rejects(awsError(ExecutionAlreadyExists, "exists"));
    sfn
      .on(DescribeExecutionCommand)
      .resolvesOnce({ status: "RUNNING", startDate: STARTED_AT })
      .resolvesOnce({ status: "RUNNING" })
      .resolves({ status: "FAILED", error: "OrderRejected", cause: "ValidationError" });

    expect(await startCommand({ stack: "dev", input: fixture("order.json"), wait: true }, h.deps)).toBe(1);
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(3);
    expect(h.stdout()).toContain("error: OrderRejected\ncause: ValidationError\n");
  });

  it("tells how to configure credentials when there are none, exit 3", async () => {
    const h = harness();
    sfn.on(StartExecutionCommand).rejects(
      Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      }),
    );

    expect(await startCommand({ stack: "dev", input: fixture("order.json") }, h.deps)).toBe(3);
    expect(h.stderr()).toMatch(
      /^orderflow start: no usable AWS credentials \(Could not load credentials from any providers\); configure them first: `aws sso login --profile <profile>`.*AWS_ACCESS_KEY_ID/,
    );
    expect(h.stderr().split("\n").filter(Boolean)).toHaveLength(1);
  });

  it("names the missing permissions on AccessDeniedException, exit 3", async () => {
    const h = harness();
    sfn.on(StartExecutionCommand).rejects(
      new SFNServiceException({
        name: "AccessDeniedException",
        $fault: "client",
        $metadata: {},
        message: "not authorized",
      }),
    );

    expect(await startCommand({ stack: "dev", input: fixture("order.json") }, h.deps)).toBe(3);
    expect(h.stderr()).toBe(
      `orderflow start: access denied (not authorized); the role needs states:StartExecution and states:DescribeExecution on ${ALIAS_ARN}\n`,
    );
  });

  it("points at account, region or deployment when the state machine does not exist, exit 3", async () => {
    const h = harness();
    sfn.on(StartExecutionCommand).rejects(awsError(StateMachineDoesNotExist, "State Machine Does Not Exist"));

    expect(await startCommand({ stack: "dev", input: fixture("order.json") }, h.deps)).toBe(3);
    expect(h.stderr()).toContain(`state machine ${ALIAS_ARN} does not exist for these credentials`);
  });

  it("asks to log in again when the session expired, exit 3", async () => {
    const h = harness();
    sfn.on(StartExecutionCommand).rejects(
      new SFNServiceException({
        name: "ExpiredTokenException",
        $fault: "client",
        $metadata: {},
        message: "expired",
      }),
    );

    expect(await startCommand({ stack: "dev", input: fixture("order.json") }, h.deps)).toBe(3);
    expect(h.stderr()).toContain("your AWS session has expired; log in again");
  });

  it("reports an error while waiting like one while starting", async () => {
    const h = harness();
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: STARTED_AT });
    sfn.on(DescribeExecutionCommand).rejects(
      new SFNServiceException({
        name: "ThrottlingException",
        $fault: "client",
        $metadata: {},
        message: "Rate exceeded",
      }),
    );

    expect(await startCommand({ stack: "dev", input: fixture("order.json"), wait: true }, h.deps)).toBe(3);
    expect(h.stderr()).toBe("orderflow start: ThrottlingException: Rate exceeded\n");
  });
});

describe("parseStartArgs", () => {
  it("reads every option", () => {
    expect(parseStartArgs(["--stack", "prod", "--input", "o.json", "--wait"])).toEqual({
      stack: "prod",
      input: "o.json",
      wait: true,
    });
    expect(parseStartArgs(["--state-machine-arn", ALIAS_ARN, "--input", "o.json"])).toEqual({
      stateMachineArn: ALIAS_ARN,
      input: "o.json",
      wait: false,
    });
  });

  it("starts the local order workflow at an endpoint unless told which state machine", () => {
    expect(parseStartArgs(["--endpoint-url", "http://127.0.0.1:4600", "--input", "o.json"])).toEqual({
      endpointUrl: "http://127.0.0.1:4600",
      stateMachineArn: "arn:aws:states:eu-central-1:000000000000:stateMachine:orderflow-local",
      input: "o.json",
      wait: false,
    });
    expect(
      parseStartArgs([
        "--endpoint-url",
        "http://127.0.0.1:4600",
        "--state-machine-arn",
        ALIAS_ARN,
        "--input",
        "o.json",
      ]),
    ).toMatchObject({ stateMachineArn: ALIAS_ARN });
  });

  it.each([
    [["--stack", "dev"], "--input <order.json> is required"],
    [["--input", "o.json"], "--stack <name>, --state-machine-arn <arn> or --endpoint-url <url> is required"],
    [["--stack", "dev", "--input", "o.json", "--colour"], "Unknown option '--colour'"],
    [["--endpoint-url", "not a url", "--input", "o.json"], "--endpoint-url not a url is not a URL"],
  ])("rejects %j with a CliError", (args, message) => {
    expect(() => parseStartArgs(args)).toThrow(CliError);
    expect(() => parseStartArgs(args)).toThrow(message);
  });
});

describe("execution ARNs", () => {
  const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);
  const machine = fc.record({
    partition: fc.constantFrom("aws", "aws-cn", "aws-us-gov"),
    region: fc.constantFrom("eu-west-1", "us-east-1", "cn-north-1", "us-gov-west-1"),
    account: fc.stringMatching(/^\d{12}$/),
    name: segment,
    qualifier: fc.option(segment, { nil: undefined }),
  });

  it("derives the same execution ARN from the state machine, its alias or its version", () => {
    fc.assert(
      fc.property(machine, segment, ({ qualifier, ...base }, executionName) => {
        const arn = `arn:${base.partition}:states:${base.region}:${base.account}:stateMachine:${base.name}`;
        const parsed = parseStateMachineArn(qualifier === undefined ? arn : `${arn}:${qualifier}`);
        expect(parsed && executionArnOf(parsed, executionName)).toBe(
          `arn:${base.partition}:states:${base.region}:${base.account}:execution:${base.name}:${executionName}`,
        );
      }),
    );
  });

  it.each([
    "arn:aws:states:eu-west-1:123:stateMachine:orders",
    "arn:aws:states:eu-west-1:123456789012:execution:orders:ord_1",
    "arn:aws:lambda:eu-west-1:123456789012:function:orders",
    "orders",
  ])("does not take %s for a state machine", (arn) => {
    expect(parseStateMachineArn(arn)).toBeUndefined();
  });
});
