import { aslCommand } from "./asl";
import type { Command } from "./command";
import { demoCommand } from "./demo";
import { devCommand } from "./dev";
import { graphCommand } from "./graph";
import { preflightSubcommand } from "./preflight";
import { reconcileCommand } from "./reconcile";
import { rolloutSubcommand } from "./rollout";
import { runCommand } from "./run";
import { startSubcommand } from "./start";
import { tokenCommand } from "./token";

/** Every `orderflow` subcommand; a new one is a file in this folder plus a line here. */
export const COMMANDS: readonly Command[] = [
  demoCommand,
  runCommand,
  devCommand,
  tokenCommand,
  startSubcommand,
  reconcileCommand(),
  preflightSubcommand,
  rolloutSubcommand,
  aslCommand,
  graphCommand,
];
