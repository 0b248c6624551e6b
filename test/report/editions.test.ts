/**
 * Issue 13 item 1: a feature stable only in some editions (`let_chains`: 2024) is removable only in crates built
 * with such an edition; elsewhere it is a blocker saying "stable only in edition 2024". The scan records each
 * crate's edition; the registry records the limit; a real compiler confirms the verdict (skipped without rustc).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { indexRegistry } from '../../src/registry/lookup.js';
import { loadBundledRegistry } from '../../src/registry/load.js';
import { EDITION_LIMITS_URL, parseEditionLimits, probeEditionLimits } from '../../src/registry/edition-limits.js';
import { resolveToolchain } from '../../src/registry/toolchain.js';
import { buildScan } from '../../src/scan/build-scan.js';
import { crateEditions } from '../../src/sources/crate-editions/index.js';
import { fixture, kernelTree } from '../helpers/paths.js';

const registry = loadBundledRegistry();
const gateOf = async (tree: string) => {
  const scan = await buildScan({ tree: fixture('report', tree) });
  return { scan, gate: computeReport(scan, registry).gates.find((g) => g.name === 'let_chains') };
};

describe('editions in the scan', () => {
  it('records a Cargo package\'s edition with its place', async () => {
    const { scan } = await gateOf('edition-2021-crate-with-let-chains');
    expect(scan.crates).toEqual([{ crate: 'config_reader', edition: '2021', file: 'Cargo.toml', line: 4, via: 'cargo-manifest' }]);
  });

  it('resolves `edition.workspace = true` from [workspace.package], and Cargo\'s 2015 when a package names none', async () => {
    const { scan } = await gateOf('workspace-inheriting-edition-2024');
    expect(scan.crates).toEqual([
      { crate: 'legacy', edition: '2015', file: 'crates/legacy/Cargo.toml', line: 1, via: 'cargo-manifest', from: 'default' },
      { crate: 'parser', edition: '2024', file: 'crates/parser/Cargo.toml', line: 4, via: 'cargo-manifest', from: 'workspace' },
    ]);
  });

  it("reads a kernel's edition from the top Makefile's plain assignments only, continued lines included", async () => {
    const text = [
      '# --edition=2015 in a comment is no edition',
      'ifdef CONFIG_RUST',
      'rust_common_flags := -Cpanic=abort \\',
      '\t\t     --edition=2021 \\',
      '\t\t     -Zbinary_dep_depinfo=y',
      'endif',
      'rustdoc-target: private skip_flags = --edition=2018',
      'rustdoc-target:',
      '\t$(RUSTDOC) --edition=2018 $<',
      'KBUILD_HOSTRUSTFLAGS := $(rust_common_flags) -O',
      '',
    ].join('\n');
    const facts = await crateEditions.collect({ path: 'Makefile', text }, { treeKind: 'kernel', hasFile: () => true });
    expect(facts.crates).toEqual([{ crate: '*', edition: '2021', file: 'Makefile', line: 4, via: 'makefile' }]);
  });

  it('says so when a package inherits an edition no workspace sets', async () => {
    const files = [{ path: 'a/Cargo.toml', text: '[package]\nname = "a"\nedition.workspace = true\n' }];
    const ctx = { treeKind: 'cargo' as const, hasFile: () => true };
    const facts = await crateEditions.finalize!(await Promise.all(files.map((f) => crateEditions.collect(f, ctx))), ctx);
    expect(facts.crates).toEqual([]);
    expect(facts.diagnostics?.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['crate-editions/no-workspace-edition a/Cargo.toml:3']);
  });
});

describe('let_chains, stable since 1.88.0 in edition 2024 only', () => {
  it('is recorded so in the bundled registry', () => {
    expect(indexRegistry(registry).get('let_chains')).toMatchObject({ status: 'stable', since: '1.88.0', stableInEditions: ['2024'] });
  });

  it('is a blocker in an edition-2021 crate, never "removable"', async () => {
    const { gate } = await gateOf('edition-2021-crate-with-let-chains');
    expect(gate).toMatchObject({ class: 'blocker', status: 'stable', since: null });
    expect(gate!.reason).toBe('stable only in edition 2024 (since 1.88.0); crate `config_reader` uses edition 2021');
  });

  it('is a blocker when any crate using it is older than 2024, removable when all are 2024', async () => {
    const { scan, gate } = await gateOf('workspace-inheriting-edition-2024');
    expect(gate!.class).toBe('blocker');
    expect(gate!.reason).toContain('crate `legacy` uses edition 2015');
    const only2024 = { ...scan, occurrences: scan.occurrences.filter((o) => o.crate === 'parser') };
    expect(computeReport(only2024, registry, { rustc: '1.88' }).gates.find((g) => g.name === 'let_chains')).toMatchObject({ class: 'removable', since: '1.88.0' });
  });
});

const kernel = kernelTree('6.12');
describe.skipIf(!kernel)('Debian linux-source-6.12', () => {
  it('builds every crate with --edition=2021 (rust_common_flags in the top Makefile) and uses no let_chains', async () => {
    const scan = await buildScan({ tree: kernel! });
    expect(scan.crates).toEqual([{ crate: '*', edition: '2021', file: 'Makefile', line: expect.any(Number), via: 'makefile' }]);
    expect(readFileSync(join(kernel!, 'Makefile'), 'utf8').split('\n')[scan.crates![0]!.line - 1]).toContain('rust_common_flags := --edition=2021');
    expect(scan.occurrences.filter((o) => o.name === 'let_chains')).toEqual([]);
  });
});

const stable = spawnSync('rustc', ['+stable', '--version'], { encoding: 'utf8' });
const hasStable = stable.status === 0;
if (!hasStable) console.warn('skipping the edition checks against a compiler: `rustc +stable` is not installed');
/** A stable build as a user runs it: no RUSTC_BOOTSTRAP from the caller. */
const withoutBootstrap = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'RUSTC_BOOTSTRAP'));
const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-editions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!hasStable)('the verdict against stable rustc', () => {
  it('removing the gate from the edition-2021 crate breaks the build; in edition 2024 it builds', () => {
    const source = readFileSync(fixture('report', 'edition-2021-crate-with-let-chains', 'src', 'lib.rs'), 'utf8');
    const file = join(tmp, 'lib.rs');
    writeFileSync(file, source.replace('#![feature(let_chains)]\n', ''));
    const build = (edition: string) => spawnSync('rustc', ['+stable', '--crate-type=lib', `--edition=${edition}`, '--emit=metadata', '-o', join(tmp, `e${edition}.rmeta`), file], { encoding: 'utf8', env: withoutBootstrap });
    const in2021 = build('2021');
    expect(in2021.status).not.toBe(0);
    expect(in2021.stderr).toContain('let chains are only allowed in Rust 2024 or later');
    expect(build('2024').status).toBe(0);
  });

  it('the probe of data/edition-limits.json finds every curated limit', async () => {
    const limits = parseEditionLimits(readFileSync(EDITION_LIMITS_URL, 'utf8'));
    const facts = await probeEditionLimits(await resolveToolchain('stable'), limits);
    for (const l of limits) expect(facts.facts.find((f) => f.name === l.feature)?.stableInEditions, l.feature).toEqual(l.stableInEditions);
  });
});
