/**
 * Rollbacks under the Pulumi mocks: a new image keeps the old task-definition revision startable, and the
 * live alias routes a canary from what the previous deploy (or `orderflow rollout`) left in AWS. The prod
 * stack is the one with a canary share (10 %); one run drops it to show the stacks without one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type AliasState, aborted, aliasDescription, aliasRoutes } from "../src/canary/alias-state";
import { containerImage } from "../src/code";
import { RESOURCE_TYPES as T } from "../src/policy/resource-types";
import type { MockCloud } from "../src/synth/mocks";
import { synthesize } from "../src/synth/synthesize";
import { CONTAINER_VARIANT, SHIPMENT_PACKAGE } from "./container-variant";
import { documentOf, named, stackFile, synthStack } from "./harness";

const MACHINE = "arn:aws:states:eu-central-1:123456789012:stateMachine:orderflow-prod-orders";
const v = (n: number) => `${MACHINE}:${n}`;

/** What AWS holds after a deploy or a rollout left the alias in `state`, and the version `up` publishes. */
function cloudWith(state: AliasState, publishedVersion: number): MockCloud {
  return {
    liveAlias: { routes: aliasRoutes(state), description: aliasDescription(state) },
    publishedVersion,
  };
}

/** The alias the program declares for prod, given what is in AWS. */
async function declaredAlias(cloud: MockCloud, withoutCanary = false) {
  const prod = stackFile("prod");
  const { "orderflow:canary": _, ...noCanary } = prod.config;
  const input = withoutCanary ? { ...prod, config: noCanary } : prod;
  const { captured } = await synthesize(input, undefined, cloud);
  const alias = captured.find((r) => r.type === T.stateMachineAlias);
  return { routes: alias?.inputs.routingConfigurations, description: alias?.inputs.description };
}

describe("an image change", () => {
  const image = (tag: string) => ({
    label: `CreateShipment image ${tag}`,
    tasks: CONTAINER_VARIANT.tasks,
    imageSource: () => ({ ...containerImage(SHIPMENT_PACKAGE), tag }),
  });
  let before: Awaited<ReturnType<typeof synthStack>>;
  let after: Awaited<ReturnType<typeof synthStack>>;

  beforeAll(async () => {
    before = await synthStack("prod", image("0000000000000001"));
    after = await synthStack("prod", image("0000000000000002"));
  }, 60_000);

  it("registers a new revision and keeps the old one, which the workflow may still run", () => {
    // Prepare
    const definition = (run: typeof before) =>
      named(run, T.awsxTaskDefinition, "create-shipment-task-definition");
    const container = (run: typeof before) => definition(run).inputs.container as { image: string };
    const runTask = (run: typeof before) =>
      documentOf(named(run, T.rolePolicy, "order-workflow-policy")).Statement.find(
        (s) => s.Sid === "RunContainerTask",
      );

    // Assess: the container definition changes, so the provider replaces the revision...
    expect(container(after).image).not.toBe(container(before).image);
    // ...and with skipDestroy (which awsx passes to aws.ecs.TaskDefinition) the replaced one stays ACTIVE
    for (const run of [before, after]) expect(definition(run).inputs.skipDestroy).toBe(true);
    // An execution on the earlier workflow version runs its own revision: the grant covers every one.
    for (const run of [before, after]) {
      expect(runTask(run)?.Resource).toEqual([
        "arn:aws:ecs:eu-central-1:123456789012:task-definition/orderflow-prod-create-shipment:*",
      ]);
    }
  });
});

describe("the live alias across deploys (prod, canary share 10 %)", () => {
  it("shifts 10 % of new executions to a newly published version", async () => {
    const alias = await declaredAlias(cloudWith({ phase: "stable", stable: v(4) }, 5));
    expect(alias).toEqual({
      routes: [
        { stateMachineVersionArn: v(4), weight: 90 },
        { stateMachineVersionArn: v(5), weight: 10 },
      ],
      description: "Canary: 10 % of new executions run version 5, the rest version 4",
    });
  });

  it("holds a canary in progress when the deploy runs again (nothing changes)", async () => {
    const inProgress: AliasState = { phase: "canary", stable: v(4), canary: v(5), weight: 10 };
    const alias = await declaredAlias(cloudWith(inProgress, 5));
    expect(alias).toEqual({ routes: aliasRoutes(inProgress), description: aliasDescription(inProgress) });
  });

  it("leaves an aborted canary rolled back when the same deploy runs again", async () => {
    const rolledBack = aborted({ phase: "canary", stable: v(4), canary: v(5), weight: 10 });
    const alias = await declaredAlias(cloudWith(rolledBack, 5));
    expect(alias).toEqual({
      routes: [{ stateMachineVersionArn: v(4), weight: 100 }],
      description: "Rolled back: version 5 was aborted; every new execution runs version 4",
    });
  });

  it("moves every new execution at once on a stack without a canary share", async () => {
    const alias = await declaredAlias(cloudWith({ phase: "stable", stable: v(4) }, 5), true);
    expect(alias.routes).toEqual([{ stateMachineVersionArn: v(5), weight: 100 }]);
  });
});
