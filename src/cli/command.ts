import type { Command } from 'commander';
import type { CliIO } from './io.js';

/** State one CLI run shares between commands: where to write and the exit code to return. */
export interface CliRun {
  io: CliIO;
  exitCode: number;
}

/**
 * The command `gatewatch` runs when the command line names none. Here, not in commands/index.ts, whose lazy imports
 * a bundle would inline: run.ts needs the name without every command.
 */
export const DEFAULT_COMMAND = 'report';

/** A command module adds its sub-command(s) to the program. Listed in src/cli/commands/index.ts. */
export type RegisterCommand = (program: Command, run: CliRun) => void;
