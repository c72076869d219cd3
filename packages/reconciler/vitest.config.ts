import { dynamoDbTestConfig } from "@orderflow/dynamodb-local/vitest-config";

// The files share one worker and its module cache (isolate: false), half the CPU of a fresh worker per
// file: none of them leaves module-level state another depends on (shuffled file orders pass alike).
export default dynamoDbTestConfig({ isolate: false });
