/**
 * The CLI around its commands: build the commander program, run it, turn errors into exit codes and messages.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, isGatewatchError } from '../core/errors.js';
import { GATEWATCH_VERSION } from '../core/version.js';
import type { CliRun } from './command.js';
import type { CommandEntry } from './commands/index.js';
import { processIO, type CliIO } from './io.js';

/** Build the program with these commands; exported so `--help` examples can be tested. */
export async function buildProgram(run: CliRun, entries: readonly CommandEntry[]): Promise<Command> {
  const program = new Command('gatewatch')
    .description('What still stands between the Linux kernel and stable Rust.')
    .version(GATEWATCH_VERSION)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => run.io.stdout(s),
      writeErr: (s) => run.io.stderr(s),
    });
  for (const register of await Promise.all(entries.map((e) => e.load()))) register(program, run);
  return program;
}

/**
 * Run the CLI with these arguments and these commands; returns the exit code. The only place that writes to
 * stdout/stderr. `main` (main.ts) gives it the commands a command line needs; each per-command bundle
 * (src/cli/bin/) gives it its one command.
 */
export async function runCommands(argv: string[], entries: readonly CommandEntry[], io: CliIO = processIO()): Promise<number> {
  const run: CliRun = { io, exitCode: EXIT.ok };
  try {
    const program = await buildProgram(run, entries);
    await program.parseAsync(argv, { from: 'user' });
    return run.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with exitCode 0; anything else is a usage error.
      return e.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (isGatewatchError(e)) {
      let text = `gatewatch: ${e.message}\n`;
      if (e.cause instanceof Error) text += `  cause: ${e.cause.message}\n`;
      if (e.hint) text += `  hint: ${e.hint}\n`;
      io.stderr(text);
      return EXIT.error;
    }
    io.stderr(`gatewatch: internal error\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.error;
  }
}
