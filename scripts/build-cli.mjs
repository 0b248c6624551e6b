#!/usr/bin/env node
// Bundle the CLI with esbuild (https://esbuild.github.io/api/) into dist/bundle/, which bin/gatewatch.js loads:
// Node's ESM loader resolves and reads modules one at a time, so start-up pays for every module of dist/ and of
// the dependencies; one bundle (and a chunk per lazily loaded command) is read in a few files instead.
// Run after `tsc` (`npm run build` does both); the tests and the benchmark keep using tsc's dist/<dir>/.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Two directories below the package root, like src/core/ and dist/core/: every bundled module shares its chunk's
// import.meta.url, and src/core/package-root.ts finds the root as `../../` from there. So chunks stay flat in this
// directory (esbuild's default chunk names), never in a sub-directory.
const outdir = join(root, 'dist', 'bundle');

const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The commands' `import()`s in src/cli/commands/index.ts become chunks loaded only when that command runs.
  splitting: true,
  // web-tree-sitter finds its .wasm next to its own file, so it is loaded from node_modules, not bundled.
  external: ['web-tree-sitter'],
  // CommonJS dependencies (commander, ajv) call `require`, which ESM output lacks: give each output file one.
  banner: { js: "import { createRequire as __gatewatchCreateRequire } from 'node:module';\nconst require = __gatewatchCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
  write: false,
});

// The scan cache (src/scan/cache.ts) must not outlive the code that wrote it: it reads this id of the bundle's
// contents instead of stat'ing every file of dist/ at each start.
const hash = createHash('sha256');
for (const f of [...outputFiles].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(f.path.slice(outdir.length)).update(f.contents);
outputFiles.push({ path: join(outdir, 'build-id.json'), contents: Buffer.from(JSON.stringify({ id: hash.digest('hex') }) + '\n') });

// A gatewatch that runs while this builds (another `npm test`, a user's shell) must never see a half-written
// file or a main.js whose chunks are not there yet: each file appears whole by rename, chunks before main.js.
mkdirSync(outdir, { recursive: true });
const mainLast = (f) => (f.path === join(outdir, 'main.js') ? 1 : 0);
for (const file of [...outputFiles].sort((a, b) => mainLast(a) - mainLast(b))) {
  const temp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temp, file.contents);
  renameSync(temp, file.path);
}
// Chunk names carry a content hash: remove the previous builds' chunks, so the directory holds only this one
// (and a build running beside this one keeps its temporary files).
const written = new Set(outputFiles.map((f) => f.path));
for (const name of readdirSync(outdir)) {
  if (!written.has(join(outdir, name)) && !name.endsWith('.tmp')) rmSync(join(outdir, name), { force: true });
}
