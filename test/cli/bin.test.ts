/**
 * The installed command, bin/gatewatch.cjs, runs the esbuild bundle (dist/bundle/main.js and its chunks, made by
 * scripts/build-cli.mjs), while every other test runs src/. Each command line here is run both ways, and the outputs
 * must be the same: that is what shows the bundle is the same program (package files found from it, the external
 * tree-sitter runtime).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { SCAN_SCHEMA } from '../../src/model/scan.js';
import { REPORT_SCHEMA } from '../../src/model/report.js';
import { ROADMAP_SCHEMA } from '../../src/model/roadmap.js';
import { REGISTRY_SCHEMA } from '../../src/model/registry.js';

const bundleMain = join(repoRoot, 'dist', 'bundle', 'main.js');
const bundled = existsSync(bundleMain);
if (!bundled) console.warn(`skipping bin tests: ${bundleMain} is absent (run \`npm run build\`, which \`npm test\` does first)`);

/** The same environment for both runs: no colour, and no cache or toolchain settings of this machine. */
const env = { NO_COLOR: '1' };

/** `gatewatch ...args` through bin/gatewatch.cjs in a new Node process. */
function runBin(args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'gatewatch.cjs'), ...args], { cwd: repoRoot, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Both runs of one command line: the bundle through the bin, and src/ in process. */
async function runBoth(args: string[]) {
  return { bin: runBin(args), src: await runCli(args, { cwd: repoRoot, env }) };
}

/** A JSON document without the fields that depend on the time of the run: when it was made, how long it took. */
function withoutTimes(text: string): unknown {
  const doc = JSON.parse(text) as unknown;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const generator = o['generator'] as Record<string, unknown> | undefined;
      if (generator && typeof generator === 'object') delete generator['generatedAt'];
      const stats = o['stats'] as Record<string, unknown> | undefined;
      // elapsedMs, phasesMs: durations of this run.
      if (stats && typeof stats === 'object') for (const k of Object.keys(stats)) if (k.endsWith('Ms')) delete stats[k];
      Object.values(o).forEach(visit);
    }
  };
  visit(doc);
  return doc;
}

/** The bundle's modules a module requires when it loads (`var import_x = require("./x.js");`), transitively, itself included. */
function staticClosure(dir: string, entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // esbuild's CommonJS: a static import is a top-level `var import_x = require("./name.js");`; a dynamic one is a
    // `require` inside `Promise.resolve().then(...)`, run when reached.
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/^var import_\w+ = require\("\.\/([^"]+)"\);$/gm)) queue.push(m[1]!);
  }
  return seen;
}

/** The source files (from the source maps) that make up these modules of the bundle. */
function sourcesOf(dir: string, modules: Iterable<string>): string[] {
  return [...modules].flatMap((m) => (JSON.parse(readFileSync(join(dir, `${m}.map`), 'utf8')) as { sources: string[] }).sources);
}

describe.skipIf(!bundled)('one bundle', () => {
  it('dist/bundle holds the entry the bin loads, its chunks, their maps, the build id and the package.json that makes them CommonJS', () => {
    const files = readdirSync(join(repoRoot, 'dist', 'bundle')).filter((f) => !f.endsWith('.tmp'));
    expect(files).toContain('main.js');
    expect(files).toContain('build-id.json');
    expect(JSON.parse(readFileSync(join(repoRoot, 'dist', 'bundle', 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    const modules = files.filter((f) => f.endsWith('.js'));
    expect(files.filter((f) => f.endsWith('.js.map')).sort()).toEqual(modules.map((f) => `${f}.map`).sort());
    expect(files.length).toBe(2 * modules.length + 2);
    // No ES module syntax is left: Node loads every module with require, and never starts its ES module loader.
    for (const m of modules) expect(readFileSync(join(repoRoot, 'dist', 'bundle', m), 'utf8')).not.toMatch(/^(?:import|export)\s|\bimport\(/m);
  });

  it('a scan loads no parser it does not need: the YAML and TOML readers and the schema compiler come with the files that need them', () => {
    const dir = join(repoRoot, 'dist', 'bundle');
    const scanModule = readdirSync(dir).find((f) => /^scan-[\w-]+\.js$/.test(f));
    expect(scanModule).toBeDefined();
    const loaded = sourcesOf(dir, staticClosure(dir, scanModule!));
    expect(loaded.some((s) => s.includes('src/scan/build-scan.ts'))).toBe(true);
    for (const pkg of ['node_modules/yaml/', 'node_modules/ajv/', 'node_modules/micromark', 'node_modules/parse5/', 'node_modules/smol-toml/', 'node_modules/toml-eslint-parser/']) {
      expect(loaded.filter((s) => s.includes(pkg))).toEqual([]);
    }
    // Loaded when a CI file or a Cargo file is collected: in the bundle, not lost.
    const bundledSources = sourcesOf(dir, readdirSync(dir).filter((f) => f.endsWith('.js')));
    for (const pkg of ['node_modules/yaml/', 'node_modules/smol-toml/', 'node_modules/toml-eslint-parser/']) expect(bundledSources.some((s) => s.includes(pkg))).toBe(true);
  });
});

describe.skipIf(!bundled)('bin/gatewatch.cjs runs the bundle, which behaves as src/ does', () => {
  it('no argument: the report', async () => {
    const { bin, src } = await runBoth([]);
    expect([bin.code, bin.stderr]).toEqual([src.code, src.stderr]);
    expect(bin.stdout).toBe(src.stdout);
    expect(bin.stdout).toContain('gates');
  });

  it('--version', async () => {
    const { bin, src } = await runBoth(['--version']);
    expect(bin).toEqual({ code: 0, stdout: src.stdout, stderr: '' });
    expect(bin.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('--help lists every command', async () => {
    const { bin, src } = await runBoth(['--help']);
    expect(bin).toEqual({ code: 0, stdout: src.stdout, stderr: src.stderr });
    for (const name of ['report', 'check', 'scan', 'roadmap', 'registry', 'feature']) expect(bin.stdout).toContain(`  ${name}`);
  });

  it('scan --json --no-cache of a fixture (parsed by tree-sitter, loaded from node_modules)', async () => {
    const tree = 'fixtures/scan/nested-cfg-attr';
    const { bin, src } = await runBoth(['scan', '--json', '--no-cache', tree]);
    expect([bin.code, bin.stderr]).toEqual([0, src.stderr]);
    expect(src.code).toBe(0);
    const doc = withoutTimes(bin.stdout) as { schema: string; tree: string; occurrences: { name: string }[] };
    expect(doc).toEqual(withoutTimes(src.stdout));
    expect(doc.schema).toBe(SCAN_SCHEMA);
    // Documents name the tree by its directory, never by the path it was scanned at.
    expect(doc.tree).toBe('nested-cfg-attr');
    expect(doc.occurrences.map((o) => o.name)).toContain('asm_goto');
  });

  const documents: [args: string[], schema: string, found: string][] = [
    [['report', '--json'], REPORT_SCHEMA, 'the bundled kernel scan (data/scans and data/registry.json found from the bundle)'],
    [['roadmap', '--json'], ROADMAP_SCHEMA, 'data/roadmap and the JSON schemas found from the bundle'],
    [['registry', '--json'], REGISTRY_SCHEMA, 'the bundled registry and flag history'],
  ];
  for (const [args, schema, found] of documents) {
    it(`${args.join(' ')} (${found})`, async () => {
      const { bin, src } = await runBoth(args);
      expect([bin.code, bin.stderr]).toEqual([src.code, src.stderr]);
      const doc = withoutTimes(bin.stdout) as { schema: string; features?: unknown[] };
      expect(doc).toEqual(withoutTimes(src.stdout));
      expect(doc.schema).toBe(schema);
      if (args[0] === 'registry') expect(doc.features!.length).toBeGreaterThan(0);
    });
  }

  it('a usage error exits 2 with the same message', async () => {
    const { bin, src } = await runBoth(['scan', '--no-such-option', 'fixtures/scan/nested-cfg-attr']);
    expect(bin).toEqual({ code: 2, stdout: src.stdout, stderr: src.stderr });
    expect(bin.stderr).toContain("unknown option '--no-such-option'");
  });
});
