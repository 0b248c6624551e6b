#!/usr/bin/env node
// Bundle the dashboard's browser code (web/app.ts, with uPlot and the pure analyses it imports) with esbuild
// (https://esbuild.github.io/api/) into dist/web/app.js and app.css, which `gatewatch site` copies into a site.
// An IIFE, not a module: browsers do not run module scripts from file:// pages.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'web');
const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: { app: 'web/app.ts' },
  outdir,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
});
mkdirSync(outdir, { recursive: true });
// Each file appears whole by rename: a `gatewatch site` running during a build never reads half a file.
for (const file of outputFiles) {
  const temp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temp, file.contents);
  renameSync(temp, file.path);
}
