import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewatchError } from '../../core/errors.js';
import { buildSiteInputs, resolveSiteInputs } from '../../inputs/site.js';
import { renderSite } from '../../site/render-pages.js';
import { computeSiteData } from '../../site/site-data.js';
import { startStaticServer } from '../../site/static-server.js';
import type { RegisterCommand } from '../command.js';
import { scanStore } from '../cache-dir.js';
import { progressListener } from '../progress-bar.js';
import { siteDocuments, siteInputOptions, siteRequest, type SiteOptions } from '../site-options.js';
import { parseSourceUrl } from '../source-url-option.js';
import { writeSite } from '../write-site.js';

/** `--port`: a TCP port, 0 for any free one. */
function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new GatewatchError('E_USAGE', `--port expects a port number from 0 to 65535, received \`${text}\``);
  return port;
}

/** `gatewatch serve`: the same site, built into a temporary directory and served on 127.0.0.1 until stopped. */
export const registerServe: RegisterCommand = (program, run) => {
  siteInputOptions(program.command('serve').description('serve the dashboard on 127.0.0.1 (the site of `gatewatch site`) until stopped'))
    .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', '8040')
    .addHelpText(
      'after',
      `
Examples:
  gatewatch serve
  gatewatch serve --port 9000 --scan scan.json`,
    )
    .action(async (opts: SiteOptions & { port: string }) => {
      const port = parsePort(opts.port);
      parseSourceUrl(opts.sourceUrl);
      const inputs = resolveSiteInputs(siteRequest(opts, run.io.cwd));
      const { listener, done } = progressListener(run.io, opts.progress);
      const facts = await buildSiteInputs(inputs, { onScanProgress: listener, onProgress: listener, store: scanStore(run.io, opts.cache) }).finally(done);
      const data = computeSiteData(siteDocuments(facts, opts));
      const dir = mkdtempSync(join(tmpdir(), 'gatewatch-site-'));
      try {
        writeSite(dir, renderSite(data, facts.assets));
        const server = await startStaticServer(dir, port).catch((e: NodeJS.ErrnoException) => {
          throw new GatewatchError('E_USAGE', `cannot listen on 127.0.0.1:${port}: ${e.code ?? e.message}`, { hint: 'choose another --port (0 for any free one)' });
        });
        run.io.stdout(`serving the dashboard at ${server.url} (Ctrl-C to stop)\n`);
        await new Promise<void>((stop) => {
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
};
