/** The parts of an Amazon Resource Name: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the account, colons included (`function:name:3`, `lambda:invoke`). */
  readonly resource: string;
}

const ARN = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/;

/** Parses an ARN, or undefined when the text is not one. The one ARN parser of the repository. */
export function parseArn(text: string): Arn | undefined {
  const match = ARN.exec(text);
  if (!match) return undefined;
  const [, partition = "", service = "", region = "", account = "", resource = ""] = match;
  return { partition, service, region, account, resource };
}

export function formatArn({ partition, service, region, account, resource }: Arn): string {
  return `arn:${partition}:${service}:${region}:${account}:${resource}`;
}

/** A resource of the form `<type>:<name>[:<qualifier>]`, e.g. `function:orders:3`, `stateMachine:orders:live`. */
export interface NamedResource {
  readonly arn: Arn;
  readonly name: string;
  /** A version or alias (`3`, `live`), when the ARN is qualified. */
  readonly qualifier?: string;
  /** The ARN without its qualifier. */
  readonly unqualified: string;
}

const NAME = /^[A-Za-z0-9_.$-]+$/;

/** Parses an ARN whose resource is `<type>:<name>[:<qualifier>]` of the given service and type. */
export function parseNamedArn(text: string, service: string, type: string): NamedResource | undefined {
  const arn = parseArn(text);
  if (!arn || arn.service !== service || arn.region === "" || arn.account === "") return undefined;
  const [resourceType, name, qualifier, ...rest] = arn.resource.split(":");
  if (resourceType !== type || name === undefined || !NAME.test(name) || rest.length > 0) return undefined;
  if (qualifier !== undefined && !NAME.test(qualifier)) return undefined;
  return {
    arn,
    name,
    ...(qualifier !== undefined && { qualifier }),
    unqualified: formatArn({ ...arn, resource: `${type}:${name}` }),
  };
}

/** A Lambda function ARN (`arn:aws:lambda:<region>:<account>:function:<name>[:<version or alias>]`). */
export const parseFunctionArn = (text: string) => parseNamedArn(text, "lambda", "function");

/** A state machine ARN, of the machine itself or of a version or alias. */
export const parseStateMachineArn = (text: string) => parseNamedArn(text, "states", "stateMachine");

/**
 * An execution ARN (`arn:aws:states:<region>:<account>:execution:<state machine>:<execution name>`): `name`
 * is the state machine's, `qualifier` the execution's name.
 */
export const parseExecutionArn = (text: string) => {
  const parsed = parseNamedArn(text, "states", "execution");
  return parsed?.qualifier === undefined ? undefined : parsed;
};

/**
 * The family of an ECS task definition given as an ARN (`…:task-definition/<family>:<revision>`),
 * `family:revision` or a bare family.
 */
export function taskDefinitionFamily(taskDefinition: string): string {
  const resource = parseArn(taskDefinition)?.resource;
  const name = resource?.startsWith("task-definition/")
    ? resource.slice("task-definition/".length)
    : taskDefinition;
  return name.split(":")[0] ?? "";
}

/**
 * The ARN of the execution named `executionName` of a state machine. Executions belong to the machine, not
 * to the alias or version that started them, so an alias or version ARN's qualifier is not part of it.
 */
export function executionArnOf(stateMachine: NamedResource, executionName: string): string {
  return formatArn({ ...stateMachine.arn, resource: `execution:${stateMachine.name}:${executionName}` });
}
