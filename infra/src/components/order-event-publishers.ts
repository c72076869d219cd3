import { EVENT_SOURCE } from "@orderflow/domain";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface OrderEventPublishersArgs {
  /** The bus the order events go to. */
  readonly eventBus: { readonly name: pulumi.Input<string>; readonly arn: pulumi.Input<string> };
  /**
   * ARNs of the IAM roles that may put events with the order events' source (the program passes the
   * outbox function's role, the only publisher). Everyone else is denied, even with `events:PutEvents` in
   * their own policies.
   */
  readonly publishers: pulumi.Input<readonly pulumi.Input<string>[]>;
  /**
   * The event source reserved to them.
   * @default EVENT_SOURCE from @orderflow/domain ("orderflow.orders")
   */
  readonly source?: string;
}

/** The statement id consumers of the synth (the policy pack, tests) find the reservation by. */
export const RESERVED_SOURCE_SID = "OnlyOrderflowPublishesOrderEvents";

/**
 * The bus's resource policy: a Deny of `events:PutEvents` for the order events' source to every principal
 * except the listed roles. An explicit Deny wins over any Allow, so nobody else in the account can put
 * `orderflow.orders` events, whatever their identity policy says; events of other sources are unaffected.
 *
 * @example
 * ```ts
 * new OrderEventPublishers("order-events", {
 *   eventBus: { name: bus.name, arn: bus.arn },
 *   publishers: [outbox.function.roleArn],
 * }, { providers: [provider] });
 * ```
 */
export class OrderEventPublishers extends pulumi.ComponentResource {
  constructor(name: string, args: OrderEventPublishersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("orderflow:events:OrderEventPublishers", name, {}, opts);
    const policy = pulumi
      .all([args.eventBus.arn, pulumi.output(args.publishers)])
      .apply(([busArn, publishers]) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: RESERVED_SOURCE_SID,
              Effect: "Deny",
              Principal: "*",
              Action: "events:PutEvents",
              Resource: busArn,
              Condition: {
                StringEquals: { "events:source": args.source ?? EVENT_SOURCE },
                ArnNotEquals: { "aws:PrincipalArn": [...publishers].sort() },
              },
            },
          ],
        }),
      );
    new aws.cloudwatch.EventBusPolicy(
      `${name}-policy`,
      { eventBusName: args.eventBus.name, policy },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
