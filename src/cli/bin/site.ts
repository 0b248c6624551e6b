/** `gatewatch site ...` as a bundle of its own (scripts/build-cli.mjs): only this command's code is loaded. */
import { registerSite } from '../commands/site.js';
import type { CliIO } from '../io.js';
import { runCommands } from '../run.js';

export const main = (argv: string[], io?: CliIO): Promise<number> => runCommands(argv, [{ name: 'site', load: async () => registerSite }], io);
