import { fileURLToPath } from "node:url";
import { writeRegistry } from "./write";

/** `pnpm --filter @orderflow/task-registry write`: renders the registry from this repository's tasks. */
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const changed = await writeRegistry(root);
console.log(changed.length === 0 ? "the task registry is current" : `rewrote ${changed.join(", ")}`);
