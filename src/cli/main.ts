/**
 * The CLI with every command (loaded lazily, only the one a command line names): what `gatewatch` runs for help,
 * a mistyped command, or options before the command. bin/gatewatch.cjs runs a bundle of one command when the
 * command line names one (src/cli/bin/).
 */
import { commands, commandsFor } from './commands/index.js';
import type { CliIO } from './io.js';
import { processIO } from './process-io.js';
import { buildProgram as buildWith, runCommands } from './run.js';
import type { CliRun } from './command.js';

/** Build the program with these commands (all by default); exported so `--help` examples can be tested. */
export const buildProgram = (run: CliRun, entries = commands) => buildWith(run, entries);

/** Run the CLI with these arguments; returns the exit code. */
export function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  return runCommands(argv, commandsFor(argv), io);
}
