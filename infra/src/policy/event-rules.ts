import { EVENT_SOURCE } from "@orderflow/domain";
import type { PolicyResource } from "@pulumi/policy";
import { parsePolicyDocument } from "../iam/wildcards";
import { RESOURCE_TYPES as T } from "./resource-types";
import { asArray, at, stackRule } from "./rule";

/** Names of the stack's roles whose own policies let them put events on the bus of this name. */
function publishersTo(resources: readonly PolicyResource[], busName: string): string[] {
  return resources
    .filter((r) => r.type === T.rolePolicy && typeof r.props.policy === "string")
    .filter((r) =>
      parsePolicyDocument(String(r.props.policy)).Statement.some(
        (s) =>
          s.Effect === "Allow" &&
          s.Action.includes("events:PutEvents") &&
          s.Resource.some((arn) => arn.endsWith(`:event-bus/${busName}`)),
      ),
    )
    .map((r) => String(r.props.role));
}

const roleNameOf = (arn: string) => arn.slice(arn.lastIndexOf(":role/") + ":role/".length);

export const eventRules = [
  stackRule(
    {
      name: "eventbridge-order-events-reserved",
      description: `Only the stack's own publishers may put ${EVENT_SOURCE} events: the bus policy denies everyone else, and exempts exactly the roles the stack lets publish`,
      remediation:
        "Declare OrderEventPublishers on the bus with the role of every publisher of order events (the outbox's).",
    },
    function* (resources) {
      for (const bus of resources.filter((r) => r.type === T.eventBus)) {
        const busName = String(bus.props.name);
        const reservation = resources
          .filter((r) => r.type === T.eventBusPolicy && r.props.eventBusName === bus.props.name)
          .flatMap((r) =>
            typeof r.props.policy === "string" ? parsePolicyDocument(r.props.policy).Statement : [],
          )
          .find(
            (s) =>
              s.Effect === "Deny" &&
              s.Principal === "*" &&
              s.Action.includes("events:PutEvents") &&
              at(s.Condition, "StringEquals.events:source") === EVENT_SOURCE,
          );
        if (!reservation) {
          yield `bus ${busName} takes ${EVENT_SOURCE} events from anyone allowed events:PutEvents`;
          continue;
        }
        const exempt = asArray(at(reservation.Condition, "ArnNotEquals.aws:PrincipalArn")).map((arn) =>
          roleNameOf(String(arn)),
        );
        const publishers = publishersTo(resources, busName);
        for (const role of publishers.filter((name) => !exempt.includes(name)))
          yield `bus ${busName} denies role ${role} the events its own policy lets it publish`;
        for (const role of exempt.filter((name) => !publishers.includes(name)))
          yield `bus ${busName} exempts role ${role}, which no policy of the stack lets publish to it`;
      }
    },
  ),
];
