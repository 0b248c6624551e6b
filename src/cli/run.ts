/**
 * The CLI around its commands: build the commander program, refuse a mistyped command, run it, and turn errors into
 * exit codes and messages that all read `gatewatch: what went wrong` with a hint.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { didYouMean } from '../core/did-you-mean.js';
import { EXIT, GatewatchError, isGatewatchError } from '../core/errors.js';
import { GATEWATCH_VERSION } from '../core/version.js';
import { stripControls } from '../reporters/terminal-safe.js';
import { DEFAULT_COMMAND, type CliRun } from './command.js';
import type { CommandEntry } from './commands/index.js';
import type { CliIO } from './io.js';
import { processIO } from './process-io.js';
import { findUnknownCommand } from './unknown-command.js';

const EXAMPLES = `
Examples:
  gatewatch
  gatewatch report --only blockers,errors
  gatewatch scan /usr/src/linux-source-6.12
  gatewatch feature let_chains
  gatewatch roadmap check
  gatewatch help report`;

/** Build the program with these commands; exported so `--help` examples can be tested. */
export async function buildProgram(run: CliRun, entries: readonly CommandEntry[]): Promise<Command> {
  const program = new Command('gatewatch')
    .description('What still stands between the Linux kernel and stable Rust.')
    .version(GATEWATCH_VERSION)
    // Suggestions come from src/core/did-you-mean.ts, like every other of gatewatch's.
    .showSuggestionAfterError(false)
    .configureOutput({
      writeOut: (s) => run.io.stdout(s),
      writeErr: (s) => run.io.stderr(s),
      // Usage errors are printed by runCommands, in gatewatch's own words.
      outputError: () => {},
    })
    .addHelpText('after', EXAMPLES);
  for (const register of await Promise.all(entries.map((e) => e.load()))) register(program, run);
  for (const command of allCommands(program)) {
    command.exitOverride((e) => {
      throw new CommandLineError(e, command);
    });
  }
  return program;
}

/** A command and every command below it. */
function allCommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}

/** A commander error with the command it was raised by, so the message can say where to look. */
class CommandLineError extends Error {
  constructor(
    readonly error: CommanderError,
    readonly command: Command,
  ) {
    super(error.message);
  }
}

/** `gatewatch registry build` for the command `build`. */
function commandName(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** A commander usage error in gatewatch's words: `gatewatch: <what>` with a suggestion when one is close, and where help is. */
function usageMessage(e: CommanderError, cmd: Command): string {
  let message = e.message.replace(/^error: /, '');
  if (e.code === 'commander.unknownOption') {
    const flag = /'([^']+)'/.exec(message)?.[1] ?? '';
    const known: string[] = [];
    for (let c: Command | null = cmd; c; c = c.parent) known.push(...c.options.flatMap((o) => (o.long ? [o.long] : [])));
    const near = didYouMean(flag.split('=')[0]!, known);
    if (near) message += `; ${near}`;
  }
  const choice = /^option '(.+?)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/.exec(message);
  if (choice) {
    const choices = choice[3]!.split(', ');
    const near = didYouMean(choice[2]!, choices);
    message = `option '${choice[1]}' does not take '${choice[2]}': expected one of ${choices.join(', ')}${near ? `; ${near}` : ''}`;
  }
  return `gatewatch: ${message}\n  hint: see \`${commandName(cmd)} --help\`\n`;
}

/** The default subcommand of a command: `report`, under the program itself. */
function defaultOf(program: Command): (cmd: Command) => Command | undefined {
  return (cmd) => (cmd === program ? program.commands.find((c) => c.name() === DEFAULT_COMMAND) : undefined);
}

/** Refuse a word that stands where a command name was expected and names none (`gatewatch scna dir`). */
function refuseUnknownCommand(program: Command, argv: readonly string[], cwd: string): void {
  const unknown = findUnknownCommand(program, argv, defaultOf(program), (w) => existsSync(resolve(cwd, w)));
  if (!unknown) return;
  const near = didYouMean(unknown.word, unknown.candidates);
  const hint = unknown.couldBePath
    ? `'${unknown.word}' is no command of ${unknown.parent}, nor a file or directory here; see \`${unknown.parent} --help\``
    : `see \`${unknown.parent} --help\` for its commands: ${unknown.candidates.join(', ')}`;
  throw new GatewatchError('E_USAGE', `unknown command '${unknown.word}'${near ? `; ${near}` : ''}`, { hint });
}

/**
 * Run the CLI with these arguments and these commands; returns the exit code. The only place that writes to
 * stdout/stderr. `main` (main.ts) gives it the commands a command line needs.
 */
export async function runCommands(argv: string[], entries: readonly CommandEntry[], io: CliIO = processIO()): Promise<number> {
  const run: CliRun = { io, exitCode: EXIT.ok };
  try {
    const program = await buildProgram(run, entries);
    refuseUnknownCommand(program, argv, io.cwd);
    await program.parseAsync(argv, { from: 'user' });
    return run.exitCode;
  } catch (e) {
    if (e instanceof CommandLineError) {
      // --help and --version end with exitCode 0; anything else is a usage error.
      if (e.error.exitCode === 0) return EXIT.ok;
      // Help shown for a command line that needs more (commander printed it to stderr already).
      if (e.error.code === 'commander.help') return EXIT.error;
      io.stderr(stripControls(usageMessage(e.error, e.command)));
      return EXIT.error;
    }
    if (isGatewatchError(e)) {
      let text = `gatewatch: ${e.message}\n`;
      if (e.cause instanceof Error) text += `  cause: ${e.cause.message}\n`;
      if (e.hint) text += `  hint: ${e.hint}\n`;
      io.stderr(stripControls(text));
      return EXIT.error;
    }
    io.stderr(`gatewatch: internal error\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.error;
  }
}
