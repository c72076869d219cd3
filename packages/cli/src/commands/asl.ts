import { localDefinition } from "@orderflow/local";
import type { Command } from "./command";
import { parseOptions } from "./parse-options";

/** `orderflow asl`: the definition exactly as the local runtime runs it. */
export const aslCommand: Command = {
  name: "asl",
  summary: "print the workflow definition (ASL JSON, local references)",
  usage: "orderflow asl",
  async run(args, { io }) {
    parseOptions(args, {}, this.usage);
    io.stdout.write(`${JSON.stringify(localDefinition().definition, null, 2)}\n`);
    return 0;
  },
};
