import { EVENT_SOURCE } from "@orderflow/domain";
import { parsePolicyDocument } from "../iam/wildcards";
import { serviceTaskStates } from "./asl-reader";
import { RESOURCE_TYPES as T } from "./resource-types";
import { asArray, at, parsed, stackRule } from "./rule";

export const eventRules = [
  stackRule(
    {
      name: "eventbridge-order-events-reserved",
      description: `Only the order workflow's publishers may put ${EVENT_SOURCE} events: the bus policy denies everyone else, and not the workflow's role`,
      remediation:
        "Declare OrderEventPublishers on the bus with the role of every publisher of order events (the state machine's).",
    },
    function* (resources) {
      const machines = resources.filter((r) => r.type === T.stateMachine);
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
        const exempt = asArray(at(reservation.Condition, "ArnNotEquals.aws:PrincipalArn")).map(String);
        for (const machine of machines) {
          const publishes = serviceTaskStates(parsed(machine.props.definition)).some(
            (task) => task.iamAction === "events:PutEvents",
          );
          if (publishes && !exempt.includes(String(machine.props.roleArn))) {
            yield `bus ${busName} denies the state machine's role ${String(machine.props.roleArn)} its own events`;
          }
        }
      }
    },
  ),
];
