/**
 * The CLI with every command, each loaded lazily (only the one a command line names): the entry of the bundle
 * that bin/gatewatch.cjs loads.
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
