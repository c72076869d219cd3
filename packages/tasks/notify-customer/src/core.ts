import type { NotifyCustomerInput, NotifyCustomerOutput } from "./contract";

/** What the core needs from outside. Ports for the tables it reads and writes go here too. */
export interface NotifyCustomerDeps {
  /** The current time; tests pass a fixed clock. */
  readonly now: () => Date;
}

/**
 * Acknowledges the order: its id and the time this step handled it. The scaffold's stand-in for the
 * task's business logic, which stays pure like this: no AWS SDK, everything outside behind `deps`.
 */
export function notifyCustomer(input: NotifyCustomerInput, deps: NotifyCustomerDeps): NotifyCustomerOutput {
  return { orderId: input.orderId, handledAt: deps.now().toISOString() };
}
