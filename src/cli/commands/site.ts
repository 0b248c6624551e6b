import { resolve } from 'node:path';
import { buildSiteInputs, resolveSiteInputs } from '../../inputs/site.js';
import { renderSite } from '../../site/render-pages.js';
import { computeSiteData } from '../../site/site-data.js';
import type { RegisterCommand } from '../command.js';
import { scanStore } from '../cache-dir.js';
import { print } from '../output.js';
import { progressListener } from '../progress-bar.js';
import { siteDocuments, siteInputOptions, siteRequest, type SiteOptions } from '../site-options.js';
import { parseSourceUrl } from '../source-url-option.js';
import { writeSite } from '../write-site.js';

/** `gatewatch site <out-dir>`: the dashboard as a static site, readable from file:// or any static host. */
export const registerSite: RegisterCommand = (program, run) => {
  siteInputOptions(
    program
      .command('site')
      .description('write the dashboard as a static site (no CDN, no network; works from file://)')
      .argument('<out-dir>', 'directory to write the site to (created when missing)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  gatewatch site public
  gatewatch site public --tree /usr/src/linux-source-6.12 --source-url https://github.com/torvalds/linux/blob/v{version}/{file}#L{line}`,
    )
    .action(async (outDir: string, opts: SiteOptions) => {
      parseSourceUrl(opts.sourceUrl);
      const inputs = resolveSiteInputs(siteRequest(opts, run.io.cwd));
      const { listener, done } = progressListener(run.io, opts.progress);
      const facts = await buildSiteInputs(inputs, { onScanProgress: listener, onProgress: listener, store: scanStore(run.io, opts.cache) }).finally(done);
      const data = computeSiteData(siteDocuments(facts, opts));
      const files = renderSite(data, facts.assets);
      writeSite(resolve(run.io.cwd, outDir), files);
      print(run, { output: `wrote ${files.length} files to ${outDir}; open ${outDir}/index.html\n`, exitCode: 0 });
    });
};
