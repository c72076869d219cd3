export { type BenchFixtureSuiteOptions, benchFixtureSuite } from "./bench-fixture-suite";
