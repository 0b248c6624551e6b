import { DEFAULT_COMMAND, type RegisterCommand } from '../command.js';

/** A sub-command by name, loaded only when it is run (or when help lists every command). */
export interface CommandEntry {
  name: string;
  load: () => Promise<RegisterCommand>;
}

/**
 * Every sub-command, in the order `--help` lists them. Add a command by adding an entry here. Modules are imported
 * lazily so that `gatewatch scan` does not pay for the report's schema compiler or the roadmap's Markdown parser.
 */
export const commands: CommandEntry[] = [
  { name: 'report', load: async () => (await import('./report.js')).registerReport },
  { name: 'check', load: async () => (await import('./check.js')).registerCheck },
  { name: 'scan', load: async () => (await import('./scan.js')).registerScan },
  { name: 'history', load: async () => (await import('./history.js')).registerHistory },
  { name: 'diff', load: async () => (await import('./diff.js')).registerDiff },
  { name: 'roadmap', load: async () => (await import('./roadmap.js')).registerRoadmap },
  { name: 'registry', load: async () => (await import('./registry.js')).registerRegistry },
  { name: 'feature', load: async () => (await import('./feature.js')).registerFeature },
  { name: 'site', load: async () => (await import('./site.js')).registerSite },
  { name: 'serve', load: async () => (await import('./serve.js')).registerServe },
];

/**
 * The commands a command line needs: the one it names; `report` alone when there is no argument (it is the
 * default command); all of them otherwise (help, options before a command, a mistyped name to suggest for).
 */
export function commandsFor(argv: readonly string[]): CommandEntry[] {
  if (argv.length === 0) return commands.filter((c) => c.name === DEFAULT_COMMAND);
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return [];
  const named = commands.find((c) => c.name === argv[0]);
  return named ? [named] : commands;
}
