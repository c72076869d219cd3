export { assertJava17 } from "./java";
export { readInventory, seedInventory } from "./seed";
export { type DynamoDbLocal, LOCAL_AWS_ENV, startDynamoDbLocal } from "./server";
export { createTableInput, createTables, type TableNames, tableEnv } from "./tables";
