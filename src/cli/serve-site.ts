import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewatchError } from '../core/errors.js';
import type { SiteFile } from '../site/render-pages.js';
import { startStaticServer } from '../site/static-server.js';
import { writeSite } from './write-site.js';

/**
 * Write the site into a temporary directory and serve it on 127.0.0.1 until SIGINT or SIGTERM; `onListening`
 * gets the URL. The directory is removed when the server stops.
 */
export async function serveSite(files: readonly SiteFile[], port: number, onListening: (url: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gatewatch-site-'));
  try {
    writeSite(dir, files);
    const server = await startStaticServer(dir, port).catch((e: NodeJS.ErrnoException) => {
      throw new GatewatchError('E_USAGE', `cannot listen on 127.0.0.1:${port}: ${e.code ?? e.message}`, { hint: 'choose another --port (0 for any free one)' });
    });
    onListening(server.url);
    await new Promise<void>((stop) => {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
