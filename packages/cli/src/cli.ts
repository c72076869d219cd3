/**
 * `orderflow`: the local workflow on this machine. Run from the repository root with
 * `pnpm orderflow <command>` (or `pnpm demo`).
 */
import { main } from "./main";

process.exitCode = await main(process.argv.slice(2), process);
