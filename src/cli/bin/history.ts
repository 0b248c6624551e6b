/** `gatewatch history ...` as a bundle of its own (scripts/build-cli.mjs): only this command's code is loaded. */
import { registerHistory } from '../commands/history.js';
import type { CliIO } from '../io.js';
import { runCommands } from '../run.js';

export const main = (argv: string[], io?: CliIO): Promise<number> => runCommands(argv, [{ name: 'history', load: async () => registerHistory }], io);
