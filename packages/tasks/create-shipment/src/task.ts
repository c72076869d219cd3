/**
 * The CreateShipment manifests. `task` is the one infra, the workflow and the local runtime follow;
 * switching the state between Lambda and Fargate is changing which manifest it names. Each manifest lives
 * in its own module so the Lambda bundle does not carry the container's.
 */
export { containerTask } from "./container-task";
export { lambdaTask, lambdaTask as task } from "./lambda-task";
