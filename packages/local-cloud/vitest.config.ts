import { dynamoDbTestConfig } from "@orderflow/dynamodb-local/vitest-config";

// Whole executions on DynamoDB Local; the property test sets its own, longer budget.
export default dynamoDbTestConfig();
