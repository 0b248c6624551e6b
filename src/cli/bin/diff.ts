/** `gatewatch diff ...` as a bundle of its own (scripts/build-cli.mjs): only this command's code is loaded. */
import { registerDiff } from '../commands/diff.js';
import type { CliIO } from '../io.js';
import { runCommands } from '../run.js';

export const main = (argv: string[], io?: CliIO): Promise<number> => runCommands(argv, [{ name: 'diff', load: async () => registerDiff }], io);
