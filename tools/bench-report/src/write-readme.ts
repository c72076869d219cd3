/** Rewrites the README's performance block from the bench result files; `pnpm bench` runs it last. */
import { readFile, writeFile } from "node:fs/promises";
import { replaceBlock } from "./readme-block";
import { performanceBlock } from "./render";
import { readBenchReport } from "./sources";

const root = new URL("../../../", import.meta.url);
const readmeUrl = new URL("README.md", root);
const report = await readBenchReport(root);
const readme = await readFile(readmeUrl, "utf8");
await writeFile(readmeUrl, replaceBlock(readme, performanceBlock(report)));
console.log(
  `README.md performance block: ${report.measures.length} measures from ${report.files.length} files`,
);
