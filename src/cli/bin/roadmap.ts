/** `gatewatch roadmap ...` as a bundle of its own (scripts/build-cli.mjs): only this command's code is loaded. */
import { registerRoadmap } from '../commands/roadmap.js';
import type { CliIO } from '../io.js';
import { runCommands } from '../run.js';

export const main = (argv: string[], io?: CliIO): Promise<number> => runCommands(argv, [{ name: 'roadmap', load: async () => registerRoadmap }], io);
