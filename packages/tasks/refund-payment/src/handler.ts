import { RefundPaymentInput } from "@orderflow/domain";
import { paymentDepsFor } from "@orderflow/payments";
import { createLogger, taskHandler } from "@orderflow/task-kit";
import { refundPayment } from "./core";
import { task } from "./task";

const deps = await paymentDepsFor(task);

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: RefundPaymentInput,
  run: (input) => refundPayment(input, deps),
});
