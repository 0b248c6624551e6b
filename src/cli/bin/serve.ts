/** `gatewatch serve ...` as a bundle of its own (scripts/build-cli.mjs): only this command's code is loaded. */
import { registerServe } from '../commands/serve.js';
import type { CliIO } from '../io.js';
import { runCommands } from '../run.js';

export const main = (argv: string[], io?: CliIO): Promise<number> => runCommands(argv, [{ name: 'serve', load: async () => registerServe }], io);
