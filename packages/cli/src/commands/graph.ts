import { localDefinition } from "@orderflow/local";
import { toMermaid } from "@orderflow/workflow";
import type { Command } from "./command";
import { parseOptions } from "./parse-options";

/** `orderflow graph`: the workflow as a Mermaid flowchart, generated from the definition. */
export const graphCommand: Command = {
  name: "graph",
  summary: "print the workflow graph (Mermaid)",
  usage: "orderflow graph",
  async run(args, { io }) {
    parseOptions(args, {}, this.usage);
    io.stdout.write(`${toMermaid(localDefinition().definition)}\n`);
    return 0;
  },
};
