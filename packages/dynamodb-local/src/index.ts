export { assertJava17 } from "./java";
export { type DynamoDbLocal, LOCAL_AWS_ENV, startDynamoDbLocal } from "./server";
export { createTableInput, createTables, type TableNames, tableEnv } from "./tables";
