import { EVENT_DETAIL_ATTRIBUTES, EVENT_OF_STATUS } from "@orderflow/domain";
import { integrationOf, RESOURCES, type TaskState } from "../asl";
import type { RuleChecks, RuleViolation } from "./types";

type AttributeValue = Readonly<Record<string, unknown>>;

/** The clauses of an expression's SET action, split at the commas outside function calls. */
function setClauses(expression: string): string[] {
  const set = /\bSET\s+([\s\S]*?)(?=\s+(?:REMOVE|ADD|DELETE)\s|$)/i.exec(expression)?.[1] ?? "";
  const clauses: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of set) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (char === "," && depth === 0) {
      clauses.push(current);
      current = "";
    } else current += char;
  }
  return [...clauses, current].map((c) => c.trim()).filter(Boolean);
}

/**
 * What a DynamoDB write leaves on the item: attribute name → its value as the request gives it
 * (`{ S: "…" }`, `{ "S.$": "$.…" }`, or undefined for a computed one), for UpdateItem and PutItem.
 */
export function attributesWritten(
  parameters: Readonly<Record<string, unknown>>,
): Map<string, AttributeValue | undefined> {
  const attributes = new Map<string, AttributeValue | undefined>();
  for (const [name, value] of Object.entries(
    (parameters.Key ?? parameters.Item ?? {}) as Record<string, AttributeValue>,
  )) {
    attributes.set(name, value);
  }
  const names = (parameters.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (parameters.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
  for (const clause of setClauses(String(parameters.UpdateExpression ?? ""))) {
    const [target = "", ...rest] = clause.split("=");
    const source = rest.join("=").trim();
    attributes.set(names[target.trim()] ?? target.trim(), values[source]);
  }
  return attributes;
}

const literal = (value: AttributeValue | undefined) => (typeof value?.S === "string" ? value.S : undefined);

function statusWriteProblems(state: TaskState): string[] {
  const attributes = attributesWritten((state.Parameters ?? {}) as Record<string, unknown>);
  const status = literal(attributes.get("status"));
  if (status === undefined)
    return ["writes the order without setting its status to a literal terminal status"];
  const event = (EVENT_OF_STATUS as Readonly<Record<string, keyof typeof EVENT_DETAIL_ATTRIBUTES>>)[status];
  if (event === undefined) return [`sets status ${status}, which announces no event`];
  const problems: string[] = [];
  const eventType = literal(attributes.get("eventType"));
  if (eventType !== event) {
    problems.push(`sets eventType ${eventType ?? "(nothing)"}; status ${status} is announced as ${event}`);
  }
  for (const attribute of EVENT_DETAIL_ATTRIBUTES[event]) {
    if (!attributes.has(attribute)) {
      problems.push(
        `does not set ${attribute}, which the detail of ${event} carries (the stream builds the event from the item)`,
      );
    }
  }
  return problems;
}

export const outboxRules: RuleChecks = {
  "outbox-contract": ({ tasks }) => {
    const violations: RuleViolation[] = [];
    for (const { name, state } of tasks) {
      const resource = String(state.Resource);
      const problems =
        integrationOf(resource) === "dynamodb-write"
          ? statusWriteProblems(state)
          : resource.startsWith(RESOURCES.putEvents)
            ? ["publishes an event itself; the order's events leave through the outbox (its status write)"]
            : [];
      for (const message of problems) violations.push({ rule: "outbox-contract", state: name, message });
    }
    return violations;
  },
};
