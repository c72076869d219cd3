import { dynamoDbTestConfig } from "@orderflow/dynamodb-local/vitest-config";

export default dynamoDbTestConfig();
