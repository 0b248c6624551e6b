/**
 * A mistyped command is refused before it can run as something else. Commander hands `gatewatch scna dir` to the
 * default command (report, which then sees two arguments), `gatewatch registry updat` to `registry` itself (which
 * takes none), and `gatewatch roadmap chek` to `roadmap` (which reads `chek` as a file). So the command line is
 * walked here first, over commander's own tree of commands and options: where a command has subcommands, a first
 * word that names none of them is a mistake unless the command takes arguments and the word can be one (a path
 * that exists, or something no command name looks like).
 */
import type { Command, Option } from 'commander';

/** A word standing where a command name was expected, and the names that were possible there. */
export interface UnknownCommand {
  word: string;
  /** The command the word was given to (`gatewatch registry`), for the hint. */
  parent: string;
  candidates: string[];
  /** True when the command also takes arguments, so the word could have been a path that does not exist. */
  couldBePath: boolean;
}

/** A word shaped like a command name (`scna`, `update`), not like a path (`./x`, `linux-6.12`, `scan.json`). */
const COMMAND_WORD = /^[a-z][a-z-]*$/;

/** The option of `cmd`, its ancestors or its default command that `token` (`--x`, `--x=v`, `-o`, `-ovalue`) names. */
function optionOf(cmd: Command, defaultCommand: Command | undefined, token: string): Option | undefined {
  const flag = token.startsWith('--') ? token.split('=')[0]! : token.slice(0, 2);
  const commands: Command[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) commands.push(c);
  if (defaultCommand) commands.push(defaultCommand);
  for (const c of commands) {
    const o = c.options.find((x) => x.long === flag || x.short === flag);
    if (o) return o;
  }
  return undefined;
}

/** Whether an option token is followed by its value as the next word (`--registry file`, not `--registry=file`). */
function takesNextWord(option: Option | undefined, token: string): boolean {
  if (!option || !option.required) return false;
  return token.startsWith('--') ? !token.includes('=') : token.length === 2;
}

/**
 * The first word of `argv` that stands where a command name was expected and names none, or null when every
 * command word is known. `defaultOf` gives a command's default subcommand (gatewatch's `report`); `isPath` says
 * whether a word is an existing path.
 */
export function findUnknownCommand(
  program: Command,
  argv: readonly string[],
  defaultOf: (cmd: Command) => Command | undefined,
  isPath: (word: string) => boolean,
): UnknownCommand | null {
  let cmd = program;
  let afterHelp = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') return null;
    if (token.startsWith('-') && token !== '-') {
      if (takesNextWord(optionOf(cmd, defaultOf(cmd), token), token)) i++;
      continue;
    }
    if (cmd.commands.length === 0) return null;
    const names = cmd.commands.map((c) => c.name());
    const sub = cmd.commands.find((c) => c.name() === token || c.aliases().includes(token));
    const parent = cmd === program ? 'gatewatch' : `gatewatch ${commandPath(cmd)}`;
    if (sub) {
      if (afterHelp) return null;
      cmd = sub;
      continue;
    }
    // `gatewatch help <command>`: the word after help must be a command.
    if (afterHelp) return { word: token, parent, candidates: names, couldBePath: false };
    if (token === 'help') {
      afterHelp = true;
      continue;
    }
    const target = defaultOf(cmd) ?? cmd;
    const takesArguments = target.registeredArguments.length > 0;
    if (takesArguments && (!COMMAND_WORD.test(token) || isPath(token))) return null;
    return { word: token, parent, candidates: names, couldBePath: takesArguments };
  }
  return null;
}

/** `registry build` for the command `build` under `registry`. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
