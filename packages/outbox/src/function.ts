import { defineFunction, EVENT_BUS_ENV_VAR } from "@orderflow/domain";

/**
 * What the outbox function needs; infra connects it to the orders table's stream (read access to that
 * stream only) and lets it put events on the order events bus only.
 */
export const outboxFunction = defineFunction({
  name: "outbox",
  description: "Publishes the order event each status write announces on the orders table's stream.",
  memoryMb: 256,
  timeoutSeconds: 30,
  tables: {},
  env: {
    [EVENT_BUS_ENV_VAR]: { description: "Name of the bus order events are published to." },
  },
});
