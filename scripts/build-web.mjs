#!/usr/bin/env node
// Bundle the dashboard's browser code with esbuild (https://esbuild.github.io/api/) into dist/web/, which
// `gatewatch site` copies into a site: one script per page that has one (web/overview.ts with uPlot, web/gates.ts,
// web/planner.ts with the pure analyses it imports), so no page parses code it does not run, and app.css.
// IIFEs, not modules: browsers do not run module scripts from file:// pages.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'web');
const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: { overview: 'web/overview.ts', gates: 'web/gates.ts', planner: 'web/planner.ts', app: 'web/site.css' },
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
