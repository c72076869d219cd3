import { CONTAINER_CPU_ARCHITECTURE, CONTAINER_IMAGE_PLATFORM } from "../platform";
import { RESOURCE_TYPES as T } from "./resource-types";
import { asArray, at, type Props, resourceRule } from "./rule";
import { type ContainerDefinition, containerDefinitions, TASK_DEFINITION_TYPES } from "./task-definitions";

const ROOT_USERS = new Set(["root", "0"]);

/** One finding per container that fails `check`, named so the message says which container. */
function* perContainer(
  type: string,
  props: Props,
  check: (container: ContainerDefinition) => string | undefined,
): Generator<string> {
  const containers = containerDefinitions(type, props);
  if (containers.length === 0) yield "declares no container definitions";
  for (const container of containers) {
    const problem = check(container);
    if (problem) yield `container ${String(container.name ?? "?")}: ${problem}`;
  }
}

const REPOSITORY_TYPES = [T.awsxRepository, T.ecrRepository];

export const containerRules = [
  resourceRule(
    {
      name: "ecs-task-non-root",
      description:
        "Containers run as a named non-root user, set in the task definition and not only the image",
      remediation: 'Set the container\'s user to a non-root uid:gid (e.g. "1000:1000").',
      types: [...TASK_DEFINITION_TYPES],
    },
    function* (props, args) {
      yield* perContainer(args.type, props, (c) => {
        const user = typeof c.user === "string" ? c.user.split(":")[0] : undefined;
        if (user === undefined || user === "") return "no user: it runs as the image's user, root by default";
        return ROOT_USERS.has(user) ? `runs as ${user}` : undefined;
      });
    },
  ),
  resourceRule(
    {
      name: "ecs-task-not-privileged",
      description: "Containers are not privileged and drop every Linux capability",
      analogue: "SecurityHub-ECS.4",
      remediation: 'Leave privileged false and set linuxParameters.capabilities.drop to ["ALL"].',
      types: [...TASK_DEFINITION_TYPES],
    },
    function* (props, args) {
      yield* perContainer(args.type, props, (c) => {
        if (c.privileged === true) return "is privileged";
        const dropped = asArray(at(c, "linuxParameters.capabilities.drop"));
        return dropped.includes("ALL") ? undefined : "keeps the default Linux capabilities";
      });
    },
  ),
  resourceRule(
    {
      name: "ecs-task-read-only-root",
      description: "Containers mount their root filesystem read-only",
      analogue: "SecurityHub-ECS.5",
      remediation: "Set readonlyRootFilesystem to true (mount a volume where the code must write).",
      types: [...TASK_DEFINITION_TYPES],
    },
    function* (props, args) {
      yield* perContainer(args.type, props, (c) =>
        c.readonlyRootFilesystem === true ? undefined : "root filesystem is writable",
      );
    },
  ),
  resourceRule(
    {
      name: "ecs-task-logging",
      description: "Containers send their output to a CloudWatch log group through the awslogs driver",
      analogue: "AwsSolutions-ECS7",
      remediation:
        "Set logConfiguration to the awslogs driver with awslogs-group (the task's own log group), awslogs-region and awslogs-stream-prefix.",
      types: [...TASK_DEFINITION_TYPES],
    },
    function* (props, args) {
      yield* perContainer(args.type, props, (c) => {
        if (at(c, "logConfiguration.logDriver") !== "awslogs") return "does not log through awslogs";
        const options = (at(c, "logConfiguration.options") ?? {}) as Record<string, unknown>;
        const missing = ["awslogs-group", "awslogs-region", "awslogs-stream-prefix"].filter(
          (o) => !options[o],
        );
        return missing.length > 0 ? `awslogs without ${missing.join(", ")}` : undefined;
      });
    },
  ),
  resourceRule(
    {
      name: "ecs-task-owned-roles-and-logs",
      description:
        "awsx task definitions use the program's own task role, execution role and log group (awsx defaults attach AWS managed policies and keep logs without our retention)",
      remediation:
        "Pass taskRole.roleArn and executionRole.roleArn of roles the program owns, and logGroup.skip (or existing).",
      types: [T.awsxTaskDefinition],
    },
    function* (props) {
      if (!at(props, "taskRole.roleArn")) yield "the task role is created by awsx";
      if (!at(props, "executionRole.roleArn")) yield "the execution role is created by awsx";
      if (at(props, "logGroup.skip") !== true && !at(props, "logGroup.existing")) {
        yield "the log group is created by awsx";
      }
    },
  ),
  resourceRule(
    {
      name: "ecs-task-definition-keeps-revisions",
      description:
        "Replaced task-definition revisions stay registered (skipDestroy), so executions on an earlier workflow version, and a rollback through the alias, can still start theirs",
      remediation:
        "Set skipDestroy: true on the task definition; an INACTIVE revision cannot start tasks, and the order would be refunded.",
      types: [...TASK_DEFINITION_TYPES],
    },
    function* (props) {
      if (props.skipDestroy !== true) yield "a replaced revision is deregistered";
    },
  ),
  resourceRule(
    {
      name: "ecs-task-graviton",
      description: `Fargate tasks run on ${CONTAINER_CPU_ARCHITECTURE} (Graviton) like the functions, and their images are built for ${CONTAINER_IMAGE_PLATFORM} (a mismatch fails every task with "exec format error")`,
      remediation: `Set runtimePlatform.cpuArchitecture to ${CONTAINER_CPU_ARCHITECTURE} and the image platform to ${CONTAINER_IMAGE_PLATFORM}.`,
      types: [...TASK_DEFINITION_TYPES, T.awsxImage],
    },
    function* (props, args) {
      if (args.type === T.awsxImage) {
        if (props.platform !== CONTAINER_IMAGE_PLATFORM) yield `image built for ${String(props.platform)}`;
        return;
      }
      const architecture = at(props, "runtimePlatform.cpuArchitecture");
      if (architecture !== CONTAINER_CPU_ARCHITECTURE) yield `cpu architecture is ${String(architecture)}`;
    },
  ),
  resourceRule(
    {
      name: "ecs-container-insights",
      description: "ECS clusters have CloudWatch Container Insights on",
      analogue: "AwsSolutions-ECS4",
      remediation: "Set orderflow:containerInsights to enabled or enhanced.",
      types: [T.ecsCluster],
    },
    function* (props) {
      const setting = asArray(props.settings).find((s) => at(s, "name") === "containerInsights");
      const value = at(setting, "value");
      if (value !== "enabled" && value !== "enhanced")
        yield `container insights are ${String(value ?? "off")}`;
    },
  ),
  resourceRule(
    {
      name: "ecr-scan-on-push",
      description: "Image repositories scan every pushed image for vulnerabilities",
      analogue: "SecurityHub-ECR.1",
      remediation: "Set imageScanningConfiguration.scanOnPush to true.",
      types: REPOSITORY_TYPES,
    },
    function* (props) {
      if (at(props, "imageScanningConfiguration.scanOnPush") !== true) yield "images are not scanned on push";
    },
  ),
  resourceRule(
    {
      name: "ecr-immutable-tags",
      description: "Image tags are immutable, so a tag always names the image that was reviewed and scanned",
      analogue: "SecurityHub-ECR.2",
      remediation: 'Set imageTagMutability to "IMMUTABLE" and tag each image by its content.',
      types: REPOSITORY_TYPES,
    },
    function* (props) {
      if (props.imageTagMutability !== "IMMUTABLE")
        yield `tags are ${String(props.imageTagMutability ?? "MUTABLE")}`;
    },
  ),
  resourceRule(
    {
      name: "ecr-repository-keeps-images",
      description:
        "A production image repository is never deleted with its images (no forceDelete): older revisions still pull from it",
      remediation:
        "Set orderflow:deletionProtection to true (the program then leaves forceDelete off); only stacks that may be torn down delete their images.",
      types: REPOSITORY_TYPES,
    },
    function* (props) {
      if (props.forceDelete === true) yield "destroying the stack deletes the repository and its images";
    },
  ),
  resourceRule(
    {
      name: "ecr-image-content-tag",
      description:
        "awsx images carry an explicit, content-derived tag (awsx's default tag is the same for every build of a stack, which immutable tags refuse)",
      remediation: "Pass imageTag (the program derives it from the Dockerfile and the bundle).",
      types: [T.awsxImage],
    },
    function* (props) {
      if (typeof props.imageTag !== "string" || props.imageTag === "") yield "no explicit image tag";
    },
  ),
  resourceRule(
    {
      name: "sg-no-ingress",
      description: "Security groups allow no inbound traffic: container tasks are started, never called",
      remediation: "Remove the ingress rules; tasks receive work through the workflow's container overrides.",
      types: [T.securityGroup, T.securityGroupRule, T.securityGroupIngressRule],
    },
    function* (props, args) {
      if (args.type === T.securityGroupIngressRule) yield "is an ingress rule";
      else if (args.type === T.securityGroupRule) {
        if (props.type === "ingress") yield "is an ingress rule";
      } else if (asArray(props.ingress).length > 0)
        yield `allows ${asArray(props.ingress).length} ingress rule(s)`;
    },
  ),
];
