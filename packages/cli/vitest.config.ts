import { dynamoDbTestConfig } from "@orderflow/dynamodb-local/vitest-config";

// `orderflow run` and the demo run whole executions on DynamoDB Local.
export default dynamoDbTestConfig();
