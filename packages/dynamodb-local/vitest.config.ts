import { dynamoDbTestConfig } from "./src/vitest-config";

export default dynamoDbTestConfig({ globalSetup: ["./src/global-setup.ts"] });
