#!/usr/bin/env node
// Bundle the CLI with esbuild (https://esbuild.github.io/api/) into dist/bundle/: main.js, which bin/gatewatch.cjs
// requires, and the chunks it requires as a command line needs them. Code splitting makes each dynamic `import()` of
// the sources (a command, a parser) a chunk loaded when reached: a warm `gatewatch scan` loads the CLI, the scan
// and the store, not the YAML, TOML, Markdown and HTML parsers or the schema compiler. esbuild splits ES modules
// only; a second pass turns each chunk into CommonJS (`import()` into `require`), which Node loads synchronously
// without starting its ES module loader (docs/performance.md has the figures). Run after `tsc` (`npm run build`
// does both); the tests keep using tsc's dist/<dir>/.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Two directories below the package root, like src/core/ and dist/core/: src/core/package-root.ts finds the root
// as `../../` from each module's location.
const outdir = join(root, 'dist', 'bundle');
// The ES module chunks, on disk for the second pass (which follows their source maps back to src/).
const stage = join(root, 'dist', `.bundle-stage-${process.pid}`);

try {
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    // Chunks beside the entry: every module of the bundle is two directories below the package root.
    chunkNames: '[name]-[hash]',
    outdir: stage,
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'node',
    target: 'node20',
    // web-tree-sitter finds its .wasm next to its own file, so it is loaded from node_modules (its CommonJS build:
    // src/rust/parser.ts requires it).
    external: ['web-tree-sitter'],
    // import.meta.url, which the sources use to find package files, is each CommonJS module's own URL (banner below).
    define: { 'import.meta.url': '__gatewatchImportMetaUrl' },
    sourcemap: 'linked',
    logLevel: 'warning',
  });

  const { outputFiles } = await build({
    absWorkingDir: root,
    entryPoints: readdirSync(stage).filter((f) => f.endsWith('.js')).map((f) => join(stage, f)),
    outdir,
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // `import()` of a chunk becomes `require`: Node's ES module loader never starts.
    supported: { 'dynamic-import': false },
    banner: { js: "const __gatewatchImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
  });
  // The package is "type": "module": this directory's .js files are CommonJS.
  outputFiles.push({ path: join(outdir, 'package.json'), contents: Buffer.from('{ "type": "commonjs" }\n') });

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
  // Remove what earlier builds left (chunks of other contents, older layouts), so the directory holds only this
  // build (and a build running beside this one keeps its temporary files).
  const written = new Set(outputFiles.map((f) => f.path));
  for (const name of readdirSync(outdir)) {
    if (!written.has(join(outdir, name)) && !name.endsWith('.tmp')) rmSync(join(outdir, name), { force: true });
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
