#!/usr/bin/env node
// Bundle the CLI with esbuild (https://esbuild.github.io/api/) into dist/bundle/: main.js, which bin/gatewatch.cjs
// imports, and the chunks it imports as it needs them. ES modules with code splitting, so that a dynamic `import()`
// in the sources (a command, a parser) is also one in the bundle: a warm `gatewatch scan` loads the CLI, the scan and
// the store, not the YAML, TOML, Markdown and HTML parsers or the schema compiler (docs/performance.md has the
// figures). Run after `tsc` (`npm run build` does both); the tests keep using tsc's dist/<dir>/.
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
  // Chunks beside the entry: src/core/package-root.ts finds the package root two directories above each module.
  chunkNames: '[name]-[hash]',
  outdir,
  bundle: true,
  format: 'esm',
  splitting: true,
  platform: 'node',
  target: 'node20',
  // web-tree-sitter finds its .wasm next to its own file, so it is loaded from node_modules (its CommonJS build:
  // src/rust/parser.ts requires it).
  external: ['web-tree-sitter'],
  // The CommonJS packages bundled in (write-file-atomic and what it requires) use require, __filename and __dirname,
  // which an ES module does not have.
  banner: {
    js: [
      "import { createRequire as __gwCreateRequire } from 'node:module';",
      "import { fileURLToPath as __gwFileURLToPath } from 'node:url';",
      'const require = __gwCreateRequire(import.meta.url);',
      'const __filename = __gwFileURLToPath(import.meta.url);',
      "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join(' '),
  },
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
