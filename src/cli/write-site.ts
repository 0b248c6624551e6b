import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GatewatchError } from '../core/errors.js';
import type { SiteFile } from '../site/render-pages.js';

/** Write the site's files under `dir` (created when missing); files of earlier builds that remain are left alone. */
export function writeSite(dir: string, files: readonly SiteFile[]): void {
  let isFile = false;
  try {
    isFile = !statSync(dir).isDirectory();
  } catch {
    // Missing: created below.
  }
  if (isFile) throw new GatewatchError('E_USAGE', `the site's output directory is a file: ${dir}`, { hint: 'give a directory (it is created when missing)' });
  for (const f of files) {
    const path = join(dir, ...f.path.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.contents);
  }
}
