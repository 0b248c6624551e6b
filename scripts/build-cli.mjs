#!/usr/bin/env node
// Bundle the CLI with esbuild (https://esbuild.github.io/api/) into dist/bundle/main.cjs, which bin/gatewatch.cjs
// loads. One CommonJS file: `require` reads it synchronously, where Node's ESM loader reads module after module
// through its thread pool. Run after `tsc` (`npm run build` does both); the tests keep using tsc's dist/<dir>/.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Two directories below the package root, like src/core/ and dist/core/: src/core/package-root.ts finds the root
// as `../../` from the bundle's own location.
const outdir = join(root, 'dist', 'bundle');

const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // web-tree-sitter finds its .wasm next to its own file, so it is loaded from node_modules (its CommonJS build:
  // src/rust/parser.ts requires it).
  external: ['web-tree-sitter'],
  // import.meta.url, which the sources use to find package files, is the bundle file's own URL.
  define: { 'import.meta.url': '__gatewatchImportMetaUrl' },
  banner: { js: "const __gatewatchImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  sourcemap: 'linked',
  logLevel: 'warning',
  write: false,
});

// Facts in the store (src/store/code-version.ts) must not outlive the code that wrote them: the store reads this id
// of the bundle's contents instead of stat'ing every file of dist/ at each start.
const hash = createHash('sha256');
for (const f of [...outputFiles].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(f.path.slice(outdir.length)).update(f.contents);
outputFiles.push({ path: join(outdir, 'build-id.json'), contents: Buffer.from(JSON.stringify({ id: hash.digest('hex') }) + '\n') });

// A gatewatch that runs while this builds (another `npm test`, a user's shell) must never see a half-written
// file: each file appears whole by rename.
mkdirSync(outdir, { recursive: true });
for (const file of outputFiles) {
  const temp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temp, file.contents);
  renameSync(temp, file.path);
}
// Remove what earlier builds left (older layouts' per-command bundles), so the directory holds only this build (and
// a build running beside this one keeps its temporary files).
const written = new Set(outputFiles.map((f) => f.path));
for (const name of readdirSync(outdir)) {
  if (!written.has(join(outdir, name)) && !name.endsWith('.tmp')) rmSync(join(outdir, name), { force: true });
}
