import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { ALIAS_MISSING, type AliasRoute } from "../canary/alias-state";
import { skipPromiseTraces } from "./promise-traces";

/** What a previous deploy left in the account, for runs that are not the first deploy. */
export interface MockCloud {
  /**
   * The live alias as the last deploy (or `orderflow rollout`) left it.
   * @default none: the first deploy, which finds no alias
   */
  readonly liveAlias?: { readonly routes: readonly AliasRoute[]; readonly description: string };
  /**
   * The number of the version the state machine update publishes (or keeps).
   * @default 1
   */
  readonly publishedVersion?: number;
}

/** The account and region the mocks pretend to deploy into, and what is already there. */
export interface MockTarget {
  readonly accountId: string;
  readonly region: string;
  /** @default a new account: nothing deployed yet */
  readonly cloud?: MockCloud;
}

/** A resource as the program registered it. */
export interface CapturedResource {
  readonly type: string;
  readonly name: string;
  /** `<type>::<name>` of the parent resource; null at the top of the program. */
  readonly parent: string | null;
  readonly custom: boolean;
  /** The resource's inputs as the engine would receive them (secrets still wrapped, assets as objects). */
  readonly inputs: Record<string, unknown>;
  /** The provider reference (`<urn>::<id>`) a custom resource was registered with. */
  readonly provider: string | null;
  /** The id the mocks gave it (null for components). */
  readonly id: string | null;
  /** What the mocks answered: inputs plus the outputs AWS would add (ARNs, names, ids). */
  readonly state: Record<string, unknown>;
}

/** The Pulumi RPC signature key and the secret signature value (`@pulumi/pulumi/runtime/rpc`). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Outputs = Record<string, unknown>;
type OutputsOf = (name: string, inputs: Record<string, unknown>, target: MockTarget) => Outputs;

/**
 * What AWS would return for each resource type the program declares: every output the program reads.
 * Deterministic (derived from names), so two synths of the same input are byte-identical.
 */
const OUTPUTS: Readonly<Record<string, OutputsOf>> = {
  "pulumi:providers:aws": () => ({}),
  "aws:cloudwatch/logGroup:LogGroup": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    return { name: physical, arn: arn("logs", t, `log-group:${physical}`) };
  },
  "aws:iam/role:Role": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    return {
      name: physical,
      arn: `arn:aws:iam::${t.accountId}:role/${physical}`,
      uniqueId: `AROA${hash(name, 16)}`,
      // A role's id is its name, which is what a role policy's `role` refers to.
      __id: physical,
    };
  },
  "aws:iam/rolePolicy:RolePolicy": (name) => ({ name }),
  "aws:lambda/function:Function": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    const functionArn = arn("lambda", t, `function:${physical}`);
    const invoke = (target: string) =>
      `arn:aws:apigateway:${t.region}:lambda:path/2015-03-31/functions/${target}/invocations`;
    return {
      name: physical,
      arn: functionArn,
      version: "1",
      qualifiedArn: `${functionArn}:1`,
      invokeArn: invoke(functionArn),
      qualifiedInvokeArn: invoke(`${functionArn}:1`),
    };
  },
  "aws:lambda/permission:Permission": (name) => ({ statementId: name }),
  "aws:dynamodb/table:Table": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    const tableArn = arn("dynamodb", t, `table/${physical}`);
    return {
      name: physical,
      arn: tableArn,
      // Stream labels are creation timestamps; a fixed one keeps two synths identical.
      ...(unwrap(inputs.streamEnabled) === true && {
        streamArn: `${tableArn}/stream/2030-01-01T00:00:00.000`,
      }),
    };
  },
  "aws:lambda/eventSourceMapping:EventSourceMapping": (name) => ({ uuid: hash(name, 32) }),
  "aws:scheduler/schedule:Schedule": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    return { name: physical, arn: arn("scheduler", t, `schedule/default/${physical}`) };
  },
  "aws:cloudwatch/eventBus:EventBus": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    return { name: physical, arn: arn("events", t, `event-bus/${physical}`) };
  },
  "aws:cloudwatch/eventBusPolicy:EventBusPolicy": (name) => ({ __id: name }),
  "aws:ssm/parameter:Parameter": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    // A parameter ARN is `parameter` followed by its path-like name, which starts with `/`.
    return { name: physical, arn: arn("ssm", t, `parameter${physical}`), version: 1 };
  },
  "aws:sfn/stateMachine:StateMachine": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    const machineArn = arn("states", t, `stateMachine:${physical}`);
    const version = t.cloud?.publishedVersion ?? 1;
    return {
      name: physical,
      arn: machineArn,
      stateMachineVersionArn: `${machineArn}:${version}`,
      status: "ACTIVE",
    };
  },
  "aws:sfn/alias:Alias": (name, inputs) => {
    const routes = unwrap(inputs.routingConfigurations) as { stateMachineVersionArn: string }[];
    const versionArn = routes[0]?.stateMachineVersionArn ?? "";
    return {
      name: physicalName(name, inputs),
      arn: `${versionArn.replace(/:\d+$/, "")}:${unwrap(inputs.name)}`,
    };
  },
  "aws:apigatewayv2/api:Api": (name, _inputs, t) => {
    const id = hash(name, 10);
    return {
      apiEndpoint: `https://${id}.execute-api.${t.region}.amazonaws.com`,
      executionArn: arn("execute-api", t, id),
      arn: `arn:aws:apigateway:${t.region}::/apis/${id}`,
      __id: id,
    };
  },
  "aws:apigatewayv2/authorizer:Authorizer": (name) => ({ __id: hash(name, 6) }),
  "aws:apigatewayv2/integration:Integration": (name) => ({ __id: hash(name, 7) }),
  "aws:apigatewayv2/route:Route": (name) => ({ __id: hash(name, 7) }),
  "aws:apigatewayv2/stage:Stage": (_name, inputs, t) => ({
    invokeUrl: `https://${String(unwrap(inputs.apiId))}.execute-api.${t.region}.amazonaws.com/`,
  }),
  "aws:kms/key:Key": (name, _inputs, t) => {
    const keyId = uuid(name);
    return { keyId, arn: arn("kms", t, `key/${keyId}`), __id: keyId };
  },
  "aws:sns/topic:Topic": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    return { name: physical, arn: arn("sns", t, physical) };
  },
  "aws:sns/topicPolicy:TopicPolicy": () => ({}),
  "aws:sqs/queue:Queue": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    return {
      name: physical,
      arn: arn("sqs", t, physical),
      url: `https://sqs.${t.region}.amazonaws.com/${t.accountId}/${physical}`,
    };
  },
  "aws:sqs/queuePolicy:QueuePolicy": () => ({}),
  "aws:cloudwatch/eventRule:EventRule": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    const bus = String(unwrap(inputs.eventBusName) ?? "default");
    return { name: physical, arn: arn("events", t, `rule/${bus}/${physical}`) };
  },
  "aws:cloudwatch/eventTarget:EventTarget": (name) => ({ targetId: hash(name, 12) }),
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": () => ({}),
  "aws:sns/topicSubscription:TopicSubscription": (name, inputs) => ({
    arn: `${String(unwrap(inputs.topic))}:${uuid(name)}`,
  }),
  "aws:cloudwatch/metricAlarm:MetricAlarm": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    return { name: physical, arn: arn("cloudwatch", t, `alarm:${physical}`) };
  },
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": (name) => ({ name }),
  "aws:ecs/cluster:Cluster": (name, inputs, t) => {
    const physical = physicalName(name, inputs);
    return { name: physical, arn: arn("ecs", t, `cluster/${physical}`) };
  },
  "aws:ec2/securityGroup:SecurityGroup": (name, _inputs, t) => {
    const id = `sg-${hash(name, 17)}`;
    return { arn: arn("ec2", t, `security-group/${id}`), __id: id };
  },
};

/**
 * Remote (awsx) components: under mocks the engine constructs none of their children, so the mocks answer
 * with the outputs the program reads from the component itself.
 */
const REMOTE_OUTPUTS: Readonly<Record<string, OutputsOf>> = {
  "awsx:ecr:Repository": (name, inputs, t) => ({
    url: `${t.accountId}.dkr.ecr.${t.region}.amazonaws.com/${physicalName(name, inputs)}`,
  }),
  "awsx:ecr:Image": (name, inputs) => ({
    imageUri: `${String(unwrap(inputs.repositoryUrl))}@sha256:${hash(`${name}:${String(unwrap(inputs.imageTag))}`, 64)}`,
  }),
  // The real engine returns `taskDefinition` as a resource reference to an aws.ecs.TaskDefinition, whose
  // `arn` output the program reads through `apply`; a plain object with the same fields reads the same way.
  "awsx:ecs:FargateTaskDefinition": (name, inputs, t) => {
    const family = String(unwrap(inputs.family) ?? name);
    return { taskDefinition: { arn: arn("ecs", t, `task-definition/${family}:1`), family, revision: 1 } };
  },
  "awsx:ec2:DefaultVpc": () => ({
    vpcId: "vpc-0d3fa0170000a11ce",
    publicSubnetIds: ["subnet-0d3fa0170000a0001", "subnet-0d3fa0170000b0002", "subnet-0d3fa0170000c0003"],
    privateSubnetIds: [],
  }),
};

/** Every provider function the program calls, and its answer. */
const CALLS: Readonly<Record<string, (target: MockTarget, inputs: Record<string, unknown>) => Outputs>> = {
  "aws:index/getCallerIdentity:getCallerIdentity": (t) => ({
    accountId: t.accountId,
    arn: `arn:aws:iam::${t.accountId}:user/synth`,
    userId: "AIDASYNTHUSER",
    id: t.accountId,
  }),
  "aws:index/getPartition:getPartition": () => ({
    partition: "aws",
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
    id: "aws",
  }),
  // The provider lists the machine's aliases and fails when none has the name: the first deploy's case.
  "aws:sfn/getAlias:getAlias": (t, inputs) => {
    const alias = t.cloud?.liveAlias;
    if (alias === undefined) {
      // The engine hands a provider's failure to the program as a gRPC error whose `details` is the message.
      const message = `invoking aws:sfn/getAlias:getAlias: ${ALIAS_MISSING}`;
      throw Object.assign(new Error(message), { details: message });
    }
    const arn = `${String(inputs.statemachineArn)}:${String(inputs.name)}`;
    return {
      arn,
      id: arn,
      name: inputs.name,
      statemachineArn: inputs.statemachineArn,
      region: t.region,
      creationDate: "2026-01-05T09:00:00Z",
      description: alias.description,
      routingConfigurations: alias.routes,
    };
  },
  "aws:ec2/getSubnet:getSubnet": (t, inputs) => {
    const id = String(inputs.id);
    return {
      id,
      vpcId: `vpc-${hash(id, 17)}`,
      availabilityZone: `${t.region}a`,
      arn: arn("ec2", t, `subnet/${id}`),
    };
  },
};

/**
 * Pulumi mocks that answer like AWS would and record every registered resource. Unknown resource types and
 * unknown provider calls fail loudly, so a program change cannot pass tests on outputs nobody mocked.
 */
export class RecordingMocks implements pulumi.runtime.Mocks {
  readonly resources: CapturedResource[] = [];
  readonly calls: string[] = [];
  /** Parent of each registration in flight, keyed by `<type>::<name>` (the mock API does not pass it). */
  readonly parents = new Map<string, string | null>();

  constructor(readonly target: MockTarget) {}

  newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    const inputs = args.inputs as Record<string, unknown>;
    const result =
      args.custom === false
        ? this.component(args.type, args.name, inputs)
        : this.answer(args.type, args.name, inputs);
    this.resources.push({
      type: args.type,
      name: args.name,
      parent: this.parents.get(`${args.type}::${args.name}`) ?? null,
      custom: args.custom ?? true,
      inputs,
      provider: args.provider || null,
      id: result.id ?? null,
      state: result.state,
    });
    return result;
  }

  private answer(type: string, name: string, inputs: Record<string, unknown>) {
    const outputsOf = OUTPUTS[type];
    if (!outputsOf) {
      throw new Error(`the mocks know no outputs for ${type}; add them to OUTPUTS in src/synth/mocks.ts`);
    }
    const { __id, ...outputs } = outputsOf(name, inputs, this.target);
    return { id: typeof __id === "string" ? __id : `${name}-id`, state: { ...inputs, ...outputs } };
  }

  /** Our own components have no outputs of their own; a remote component's must be mocked like a resource's. */
  private component(type: string, name: string, inputs: Record<string, unknown>) {
    if (type.startsWith("orderflow:")) return { id: undefined, state: {} };
    const outputsOf = REMOTE_OUTPUTS[type];
    if (!outputsOf) {
      throw new Error(
        `the mocks know no outputs for the remote component ${type}; add them to REMOTE_OUTPUTS in src/synth/mocks.ts`,
      );
    }
    return { id: undefined, state: { ...inputs, ...outputsOf(name, inputs, this.target) } };
  }

  call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
    const answer = CALLS[args.token];
    if (!answer)
      throw new Error(`unexpected provider call ${args.token}; add it to CALLS in src/synth/mocks.ts`);
    this.calls.push(args.token);
    return answer(this.target, args.inputs as Record<string, unknown>);
  }
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
}

/**
 * Installs the mocks for one stack. Must run before the program factory is called (and, where module state
 * matters, before it is imported). Wraps the mock monitor to learn each resource's parent, which
 * `MockResourceArgs` does not carry. Every run starts from a fresh runtime, so runs one after another in
 * one process see nothing of each other: what an earlier run still had in flight finishes first (it reads
 * the monitor when it runs, so it would land in this run's mocks), `setMocks` resets the monitor, options,
 * stack resource and leak tracking, and the config is emptied (the caller sets the stack's). Pulumi's
 * per-promise stack traces, which only PULUMI_DEBUG_PROMISE_LEAKS shows, are skipped (`skipPromiseTraces`).
 */
export async function installMocks(
  target: MockTarget,
  project: string,
  stack: string,
): Promise<RecordingMocks> {
  skipPromiseTraces();
  await pulumi.runtime.disconnect();
  const mocks = new RecordingMocks(target);
  await pulumi.runtime.setMocks(mocks, project, stack, false);
  pulumi.runtime.setAllConfig({}, []);
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, callback: unknown): Promise<void>;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    mocks.parents.set(`${req.getType()}::${req.getName()}`, parentRef(req.getParent()));
    return register(req, callback);
  };
  return mocks;
}

/** `urn:pulumi:stack::project::a$b$type::name` → `type::name`. */
export function parentRef(urn: string): string | null {
  if (!urn) return null;
  const [, , qualifiedType = "", name = ""] = urn.split("::");
  return `${qualifiedType.split("$").pop()}::${name}`;
}

/** A value's plain form when the engine wrapped it as a secret. */
export function unwrap(value: unknown): unknown {
  if (isSecretValue(value)) return value.value;
  return value;
}

export function isSecretValue(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
  );
}

function physicalName(name: string, inputs: Record<string, unknown>): string {
  const given = unwrap(inputs.name);
  // Pulumi auto-names resources without an explicit name as `<name>-<7 hex chars>`.
  return typeof given === "string" && given !== "" ? given : `${name}-${hash(name, 7)}`;
}

function arn(service: string, t: MockTarget, resource: string): string {
  return `arn:aws:${service}:${t.region}:${t.accountId}:${resource}`;
}

function hash(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

function uuid(text: string): string {
  const h = hash(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
