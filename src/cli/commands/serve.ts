import { GatewatchError } from '../../core/errors.js';
import { buildSiteInputs, resolveSiteInputs } from '../../inputs/site.js';
import { renderSite } from '../../site/render-pages.js';
import { computeSiteData } from '../../site/site-data.js';
import type { RegisterCommand } from '../command.js';
import { scanStore } from '../cache-dir.js';
import { print } from '../output.js';
import { progressListener } from '../progress-bar.js';
import { serveSite } from '../serve-site.js';
import { siteDocuments, siteInputOptions, siteRequest, type SiteOptions } from '../site-options.js';
import { parseSourceUrl } from '../source-url-option.js';

/** `--port`: a TCP port, 0 for any free one. */
function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new GatewatchError('E_USAGE', `--port expects a port number from 0 to 65535, received \`${text}\``);
  return port;
}

/** `gatewatch serve`: the same site, served on 127.0.0.1 from a temporary directory until stopped. */
export const registerServe: RegisterCommand = (program, run) => {
  siteInputOptions(program.command('serve').description('serve the dashboard on 127.0.0.1 (the site of `gatewatch site`) until stopped'))
    .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', '8040')
    .addHelpText(
      'after',
      `
Examples:
  gatewatch serve
  gatewatch serve --port 9000`,
    )
    .action(async (opts: SiteOptions & { port: string }) => {
      const port = parsePort(opts.port);
      parseSourceUrl(opts.sourceUrl);
      const inputs = resolveSiteInputs(siteRequest(opts, run.io.cwd));
      const { listener, done } = progressListener(run.io, opts.progress);
      const facts = await buildSiteInputs(inputs, { onScanProgress: listener, onProgress: listener, store: scanStore(run.io, opts.cache) }).finally(done);
      const data = computeSiteData(siteDocuments(facts, opts));
      await serveSite(renderSite(data, facts.assets), port, (url) => print(run, { output: `serving the dashboard at ${url} (Ctrl-C to stop)\n`, exitCode: 0 }));
    });
};
