import { CloudWatchClient, DescribeAlarmsCommand, type StateValue } from "@aws-sdk/client-cloudwatch";
import {
  DescribeStateMachineAliasCommand,
  SFNClient,
  SFNServiceException,
  UpdateStateMachineAliasCommand,
} from "@aws-sdk/client-sfn";
import { type AliasState, aliasDescription, aliasRoutes } from "@orderflow/infra/canary";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../src/commands/command";
import {
  parseRolloutArgs,
  type RolloutDeps,
  type RolloutOptions,
  rolloutCommand,
} from "../src/commands/rollout";
import { type Answer, capturedIo, fakePrograms } from "./support/fake-programs";
import { STACKS_DIR } from "./support/preflight-harness";

const MACHINE = "arn:aws:states:eu-central-1:123456789012:stateMachine:orderflow-prod-orders";
const ALIAS = `${MACHINE}:live`;
const v = (n: number) => `${MACHINE}:${n}`;
const ALARMS = ["orderflow-prod-api-5xx", "orderflow-prod-workflow-unusual-failures"];
/** The deploy moved the alias at 10:00; prod bakes for 30 minutes. */
const DEPLOYED_AT = new Date("2026-11-25T10:00:00.000Z");
const MINUTE = 60_000;

const CANARY: AliasState = { phase: "canary", stable: v(4), canary: v(5), weight: 10 };
const STABLE: AliasState = { phase: "stable", stable: v(5) };
const ROLLED_BACK: AliasState = { phase: "rolled-back", stable: v(4), aborted: v(5) };

const sfn = mockClient(SFNClient);
const cloudwatch = mockClient(CloudWatchClient);
// The mock replaces the client's send for the whole worker: later files that share it get the real one.
afterAll(() => {
  sfn.restore();
  cloudwatch.restore();
});
const credentials = { accessKeyId: "AKIDTEST", secretAccessKey: "test" };

/** The live alias as AWS describes it. */
function aliasIs(state: AliasState): void {
  sfn.on(DescribeStateMachineAliasCommand, { stateMachineAliasArn: ALIAS }).resolves({
    stateMachineAliasArn: ALIAS,
    routingConfiguration: aliasRoutes(state),
    description: aliasDescription(state),
    creationDate: new Date("2026-11-01T00:00:00.000Z"),
    updateDate: DEPLOYED_AT,
  });
}

const alarmPage = (states: readonly StateValue[]) => ({
  MetricAlarms: ALARMS.map((AlarmName, i) => ({ AlarmName, StateValue: states[i] ?? "OK" })),
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly sleeps: number[];
  /** The alias updates sent, as routes and description. */
  readonly moves: { routes: unknown; description: string | undefined }[];
}

async function rollout(
  options: Omit<RolloutOptions, "stack"> & { stack?: string },
  {
    startAt = new Date(DEPLOYED_AT.getTime() + 5 * MINUTE),
    outputs,
  }: { startAt?: Date; outputs?: Answer } = {},
): Promise<Run> {
  const output = capturedIo();
  let now = startAt.getTime();
  const sleeps: number[] = [];
  const stackOutputs = outputs ?? JSON.stringify({ stateMachineAliasArn: ALIAS, alarmNames: ALARMS });
  const deps: RolloutDeps = {
    io: output.io,
    runProgram: fakePrograms({ "pulumi stack output": stackOutputs }).run,
    infraDir: STACKS_DIR,
    sfnClient: (region) => new SFNClient({ region, credentials }),
    cloudWatchClient: (region) => new CloudWatchClient({ region, credentials }),
    now: () => new Date(now),
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  const code = await rolloutCommand({ stack: "prod", ...options }, deps);
  const moves = sfn.commandCalls(UpdateStateMachineAliasCommand).map((call) => ({
    routes: call.args[0].input.routingConfiguration,
    description: call.args[0].input.description,
  }));
  return { code, stdout: output.stdout(), stderr: output.stderr(), sleeps, moves };
}

beforeEach(() => {
  sfn.reset();
  cloudwatch.reset();
  sfn.on(UpdateStateMachineAliasCommand).resolves({ updateDate: new Date() });
  cloudwatch.on(DescribeAlarmsCommand).resolves(alarmPage([]));
});

describe("orderflow rollout: the bake", () => {
  it("holds the canary while the alarms stay quiet, then promotes it when the bake time is over", async () => {
    // Prepare
    aliasIs(CANARY);

    // Act
    const run = await rollout({ pollIntervalMs: 10 * MINUTE });

    // Assess: deployed at 10:00, started at 10:05, 30 minutes' bake: holds 10 + 10 + 5 minutes
    expect(run.code).toBe(0);
    expect(run.sleeps).toEqual([10 * MINUTE, 10 * MINUTE, 5 * MINUTE]);
    expect(run.stderr).toBe(
      "holding: alarms quiet, 25 min left\nholding: alarms quiet, 15 min left\nholding: alarms quiet, 5 min left\n",
    );
    expect(run.moves).toEqual([
      {
        routes: [{ stateMachineVersionArn: v(5), weight: 100 }],
        description: "Every new execution runs version 5",
      },
    ]);
    expect(run.stdout).toContain(
      "canary: 10 % of new executions on version 5 beside version 4, baking until 2026-11-25T10:30:00.000Z",
    );
    expect(run.stdout).toContain("promoted: Every new execution runs version 5");
    const asked = cloudwatch.commandCalls(DescribeAlarmsCommand).map((c) => c.args[0].input.AlarmNames);
    expect(new Set(asked.map((names) => JSON.stringify(names)))).toEqual(new Set([JSON.stringify(ALARMS)]));
  });

  it("aborts on an alarm: everything back on the previous version, exit 1 naming the alarm", async () => {
    // Prepare
    aliasIs(CANARY);
    cloudwatch
      .on(DescribeAlarmsCommand)
      .resolvesOnce(alarmPage(["OK", "INSUFFICIENT_DATA"]))
      .resolves(alarmPage(["ALARM", "OK"]));

    // Act
    const run = await rollout({ pollIntervalMs: MINUTE });

    // Assess
    expect(run.code).toBe(1);
    expect(run.sleeps).toEqual([MINUTE]);
    expect(run.moves).toEqual([
      {
        routes: [{ stateMachineVersionArn: v(4), weight: 100 }],
        description: "Rolled back: version 5 was aborted; every new execution runs version 4",
      },
    ]);
    expect(run.stdout).toContain(
      "aborted (orderflow-prod-api-5xx in ALARM): Rolled back: version 5 was aborted",
    );
  });

  it("promotes at once when the bake time passed while it was not running (a re-run after a CI restart)", async () => {
    aliasIs(CANARY);
    const run = await rollout({}, { startAt: new Date(DEPLOYED_AT.getTime() + 45 * MINUTE) });
    expect(run.code).toBe(0);
    expect(run.sleeps).toEqual([]);
    expect(run.moves).toHaveLength(1);
  });
});

describe("orderflow rollout --promote and --abort", () => {
  it("promotes now when the alarms are quiet", async () => {
    aliasIs(CANARY);
    const run = await rollout({ mode: "promote" });
    expect(run.code).toBe(0);
    expect(run.moves.map((m) => m.routes)).toEqual([[{ stateMachineVersionArn: v(5), weight: 100 }]]);
  });

  it("refuses to promote while an alarm fires, and moves nothing", async () => {
    // Prepare
    aliasIs(CANARY);
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarmPage(["OK", "ALARM"]));

    // Act
    const run = await rollout({ mode: "promote" });

    // Assess
    expect(run.code).toBe(1);
    expect(run.moves).toEqual([]);
    expect(run.stderr).toBe(
      "orderflow rollout: refusing to promote while orderflow-prod-workflow-unusual-failures is in ALARM; fix it, or --abort\n",
    );
  });

  it("aborts now, without looking at the alarms", async () => {
    aliasIs(CANARY);
    const run = await rollout({ mode: "abort" });
    expect(run.code).toBe(0);
    expect(run.moves.map((m) => m.routes)).toEqual([[{ stateMachineVersionArn: v(4), weight: 100 }]]);
    expect(cloudwatch.calls()).toHaveLength(0);
  });
});

describe("orderflow rollout run again: nothing changes", () => {
  it.each([
    [
      "the bake after a promote",
      STABLE,
      "bake",
      0,
      "no canary in progress: Every new execution runs version 5",
    ],
    [
      "--promote after a promote",
      STABLE,
      "promote",
      0,
      "nothing to promote: Every new execution runs version 5",
    ],
    [
      "--abort after an abort",
      ROLLED_BACK,
      "abort",
      0,
      "nothing to abort: Rolled back: version 5 was aborted",
    ],
    ["--abort after a promote", STABLE, "abort", 0, "nothing to abort: Every new execution runs version 5"],
  ] as const)("%s", async (_label, state, mode, code, said) => {
    aliasIs(state);
    const run = await rollout({ mode });
    expect(run.code).toBe(code);
    expect(run.moves).toEqual([]);
    expect(run.stdout).toContain(said);
  });

  it("keeps failing the bake of an aborted version (a deploy re-run must not pass), moving nothing", async () => {
    aliasIs(ROLLED_BACK);
    const run = await rollout({});
    expect(run.code).toBe(1);
    expect(run.moves).toEqual([]);
    expect(run.stderr).toBe(
      "orderflow rollout: Rolled back: version 5 was aborted; every new execution runs version 4; fix or revert it, then deploy again\n",
    );
  });
});

describe("orderflow rollout when the stack or AWS cannot be used", () => {
  it("asks for a deploy when the stack has no alias or alarm outputs, exit 3", async () => {
    const run = await rollout({}, { outputs: "{}" });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      'orderflow rollout: stack "prod" has no stateMachineAliasArn and alarmNames outputs: deploy it first (pulumi up -s prod)\n',
    );
  });

  it("names the permissions the role lacks, exit 3", async () => {
    // Prepare
    sfn.on(DescribeStateMachineAliasCommand).rejects(
      new SFNServiceException({
        name: "AccessDeniedException",
        $fault: "client",
        $metadata: {},
        message: "no",
      }),
    );

    // Act
    const run = await rollout({});

    // Assess
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      "AccessDeniedException: no; the deploy role needs states:DescribeStateMachineAlias, states:UpdateStateMachineAlias and cloudwatch:DescribeAlarms",
    );
  });

  it("refuses to bake a stack without orderflow:canary, exit 2", async () => {
    aliasIs(CANARY);
    const run = await rollout({ stack: "dev" });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'orderflow rollout: stack "dev" has no orderflow:canary: use --promote or --abort\n',
    );
  });
});

describe("parseRolloutArgs", () => {
  it("reads the stack and at most one of --promote and --abort", () => {
    expect(parseRolloutArgs(["--stack", "prod"])).toEqual({ stack: "prod", mode: "bake" });
    expect(parseRolloutArgs(["--stack", "prod", "--abort"])).toEqual({ stack: "prod", mode: "abort" });
    expect(() => parseRolloutArgs(["--stack", "prod", "--promote", "--abort"])).toThrow(CliError);
    expect(() => parseRolloutArgs(["--promote"])).toThrow("--stack <name> is required");
  });
});
