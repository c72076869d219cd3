/**
 * The CreateShipment manifests. `task` is the one infra, the workflow and the local runtime follow;
 * switching the state between Lambda and Fargate is changing which manifest it names. Fulfilment runs as
 * a Fargate container (the kind of step that outgrows Lambda); `lambdaTask` stays buildable and tested.
 * Each manifest lives in its own module so the Lambda bundle does not carry the container's.
 */
export { containerTask, containerTask as task } from "./container-task";
export { lambdaTask } from "./lambda-task";
