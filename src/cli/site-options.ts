import { Option, type Command } from 'commander';
import { DEFAULT_SOURCE_URL } from '../analyses/source-url.js';
import { GATEWATCH_VERSION } from '../core/version.js';
import type { SiteFacts, SiteRequest } from '../inputs/site.js';
import type { SiteDocuments } from '../site/site-data.js';
import { NO_CACHE_HELP } from './cache-dir.js';
import { SOURCE_URL_HELP, parseSourceUrl } from './source-url-option.js';

/** Options `site` and `serve` share. */
export interface SiteOptions {
  tree: string[];
  scan: string[];
  roadmap: string[];
  history?: string;
  registry?: string;
  sourceUrl?: string;
  cache: boolean;
  progress: 'auto' | 'json' | 'none';
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Add the inputs `site` and `serve` share to a command. */
export function siteInputOptions(cmd: Command): Command {
  return cmd
    .option('--tree <dir>', 'kernel tree to scan (repeat for several); default: the bundled scans', collect, [])
    .option('--scan <file>', 'scan document (gatewatch scan --json; repeat for several)', collect, [])
    .option('--roadmap <file>', 'roadmap file or directory (repeat for several); default: the bundled roadmap', collect, [])
    .option('--history <repo>', "git repository whose release tags make the burndown (or a history document); default: the scans' series")
    .option('--registry <file>', 'registry document to judge with (default: bundled data/registry.json)')
    .option('--source-url <template>', SOURCE_URL_HELP)
    .option('--no-cache', NO_CACHE_HELP)
    .addOption(new Option('--progress <mode>', 'progress on stderr').choices(['auto', 'json', 'none']).default('auto'));
}

/** The request of the inputs module, from the options. */
export const siteRequest = (opts: SiteOptions, cwd: string): SiteRequest => ({
  trees: opts.tree,
  scans: opts.scan,
  roadmaps: opts.roadmap,
  history: opts.history,
  registry: opts.registry,
  cwd,
});

/** The documents `computeSiteData` reads, from the facts and the options. */
export const siteDocuments = ({ assets: _assets, ...facts }: SiteFacts, opts: SiteOptions): SiteDocuments => ({
  ...facts,
  sourceUrl: parseSourceUrl(opts.sourceUrl) ?? DEFAULT_SOURCE_URL,
  generator: { name: 'gatewatch', version: GATEWATCH_VERSION, generatedAt: new Date().toISOString() },
});
