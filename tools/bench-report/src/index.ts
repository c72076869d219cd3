export { readBlock, replaceBlock } from "./readme-block";
export { performanceBlock } from "./render";
export { readBenchReport } from "./sources";
