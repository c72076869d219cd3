import { ChargePaymentInput } from "@orderflow/domain";
import { paymentDepsFor } from "@orderflow/payments";
import { createLogger, taskHandler } from "@orderflow/task-kit";
import { chargePayment } from "./core";
import { task } from "./task";

const deps = await paymentDepsFor(task);

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: ChargePaymentInput,
  run: (input) => chargePayment(input, deps),
});
