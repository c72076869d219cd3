/** The parts of a Step Functions state-machine ARN that name its executions. */
export interface StateMachineArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly name: string;
  /** The alias name or version number when the ARN points at one (`...:stateMachine:orders:live`). */
  readonly qualifier?: string;
}

const STATE_MACHINE_ARN =
  /^arn:(aws[a-z-]*):states:([a-z0-9-]+):(\d{12}):stateMachine:([A-Za-z0-9_-]{1,80})(?::([A-Za-z0-9_-]{1,80}))?$/;

/** The parts of a state machine, alias or version ARN, or undefined when `arn` is none of those. */
export function parseStateMachineArn(arn: string): StateMachineArnParts | undefined {
  const match = STATE_MACHINE_ARN.exec(arn);
  if (!match) return undefined;
  const [, partition, region, account, name, qualifier] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  return qualifier === undefined
    ? { partition, region, account, name }
    : { partition, region, account, name, qualifier };
}

/**
 * The ARN of the execution named `executionName`. Executions belong to the state machine, not to the alias
 * or version that started them, so the qualifier of an alias or version ARN is not part of it.
 */
export function executionArnFor(stateMachine: StateMachineArnParts, executionName: string): string {
  const { partition, region, account, name } = stateMachine;
  return `arn:${partition}:states:${region}:${account}:execution:${name}:${executionName}`;
}
