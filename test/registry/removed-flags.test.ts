/**
 * Issue 13 item 6: a `-Z` flag stabilized under another name is removed, replaced by the stable option, and every
 * place says so ("removed; replaced by `-Cjump-tables=n` (stable since 1.93.0)"), never "stable since".
 * The last block checks the curated facts against the installed compilers and skips without them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { describeStatus, type Registry } from '../../src/model/registry.js';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { buildRegistry } from '../../src/registry/build-registry.js';
import { collectFlagHistory, parseFlagHistory } from '../../src/registry/flag-history.js';
import { indexRegistry } from '../../src/registry/lookup.js';
import { loadBundledRegistry } from '../../src/registry/load.js';
import { featureReporters } from '../../src/reporters/registry/index.js';
import { renderComputed } from '../../src/reporters/roadmap/describe.js';
import { computeEntryStatus, computeGateStatus } from '../../src/roadmap/compute-status.js';
import { fixture, repoRoot } from '../helpers/paths.js';
import { FEATURE_ANSWER_SCHEMA } from '../../src/model/feature.js';

const history = readFileSync(fixture('registry', 'flag-renamed-at-stabilisation', 'flag-history.json'), 'utf8');
const zHelpFacts = (names: string[]) => ({
  source: 'rustc-z-help',
  label: 'rustc 1.97.0-nightly',
  facts: names.map((name) => ({ name, kind: 'flag' as const, status: 'unstable' as const, since: null, at: 'rustc -Z help' })),
  diagnostics: [],
  provenance: [],
});
/** What nightly 1.97 knows: only -Zdwarf-version of the four is still in its `-Z help`. */
const registry: Registry = buildRegistry([collectFlagHistory(history), zHelpFacts(['-Zdwarf-version', '-Zbinary-dep-depinfo'])], {
  toolchain: { name: 'nightly', version: '1.97.0-nightly' },
  generatedAt: '2026-12-06T00:00:00.000Z',
});
const get = (name: string) => indexRegistry(registry).get(name)!;

describe('a flag stabilized under another name', () => {
  it('is removed, with its replacement and the replacement\'s release', () => {
    expect(get('-Zno-jump-tables')).toMatchObject({ status: 'removed', since: '1.93.0', replacement: '-Cjump-tables=n', replacementSince: '1.93.0', pull: 145974 });
    expect(get('-Zstrip')).toMatchObject({ status: 'removed', since: null, replacement: '-Cstrip', replacementSince: '1.58.0' });
    expect(get('-Zprofile')).toMatchObject({ status: 'removed', since: '1.84.0' });
    expect(get('-Zprofile').replacement).toBeUndefined();
  });

  it('stays unstable where the compiler still lists the -Z form, with its replacement', () => {
    expect(get('-Zdwarf-version')).toMatchObject({ status: 'unstable', verified: true, replacement: '-Cdwarf-version', replacementSince: '1.88.0' });
  });

  it('reads "removed; replaced by ..." in `feature`', () => {
    const text = featureReporters.text({ schema: FEATURE_ANSWER_SCHEMA, query: '-Zno-jump-tables', entry: get('-Zno-jump-tables'), registry: { toolchain: registry.toolchain, generatedAt: registry.generatedAt }, probe: null }, { colour: false }).output;
    expect(text).toContain('status:         removed; replaced by `-Cjump-tables=n` (stable since 1.93.0)');
    expect(text).not.toContain('stable since 1.93.0)\n  replacement');
    expect(describeStatus(get('-Zstrip'))).toBe('removed; replaced by `-Cstrip` (stable since 1.58.0)');
    expect(describeStatus(get('-Zprofile'))).toBe('removed in 1.84.0');
  });

  it('is an error in the report where used unconditionally, and goes with the version guard where guarded', () => {
    const scan = JSON.parse(readFileSync(fixture('report', 'flag-removed-with-replacement', 'scan.json'), 'utf8')) as ScanSnapshot;
    const gates = new Map(computeReport(scan, registry).gates.map((g) => [g.name, g]));
    expect(gates.get('-Zno-jump-tables')).toMatchObject({ class: 'error', status: 'removed', replacement: '-Cjump-tables=n', reason: 'removed; replaced by `-Cjump-tables=n` (stable since 1.93.0)' });
    expect(gates.get('-Zstrip')).toMatchObject({ class: 'removable-at', since: '1.80.0', reason: 'used only with rustc < 1.80.0; removed; replaced by `-Cstrip` (stable since 1.58.0)' });
  });

  it('reads "removed; replaced by ..." in the roadmap', () => {
    const status = computeEntryStatus([computeGateStatus({ name: '-Zno-jump-tables', kind: 'flag', from: 'field' }, indexRegistry(registry), new Map())]);
    expect(status.state).toBe('removed');
    expect(renderComputed(status)).toBe('removed (-Zno-jump-tables: removed; replaced by `-Cjump-tables=n` (stable since 1.93.0))');
  });
});

const nightly = spawnSync('rustc', ['+nightly', '-Z', 'help'], { encoding: 'utf8', env: { ...process.env, RUSTC_BOOTSTRAP: '1' }, maxBuffer: 16 << 20 });
const stable = spawnSync('rustc', ['+stable', '-C', 'help'], { encoding: 'utf8', maxBuffer: 16 << 20 });
const haveCompilers = nightly.status === 0 && stable.status === 0;
if (!haveCompilers) console.warn('skipping the flag-history checks against compilers: `rustc +nightly -Z help` or `rustc +stable -C help` does not run');

describe.skipIf(!haveCompilers)('data/flag-history.json and the bundled registry against the installed compilers', () => {
  const listed = (help: string, prefix: string) => new Set([...help.matchAll(new RegExp(`^\\s*${prefix}\\s+([a-z0-9_-]+)`, 'gm'))].map((m) => m[1]!.replace(/_/g, '-')));
  const zFlags = listed(nightly.stdout, '-Z');
  const cOptions = listed(stable.stdout, '-C');
  const entries = parseFlagHistory(readFileSync(join(repoRoot, 'data', 'flag-history.json'), 'utf8'));

  it('each -C replacement is an option of stable rustc', () => {
    for (const e of entries.filter((x) => x.replacement?.startsWith('-C'))) expect(cOptions.has(e.replacement!.slice(2).replace(/=.*/, '')), e.replacement).toBe(true);
  });

  it('a flag renamed to another -Z flag: nightly lists the new name, not the old one', () => {
    const renamed = entries.filter((e) => e.renamedTo);
    expect(renamed.length).toBeGreaterThan(0);
    for (const e of renamed) {
      expect(zFlags.has(e.renamedTo!.slice(2)), e.renamedTo).toBe(true);
      expect(zFlags.has(e.flag.slice(2)), e.flag).toBe(false);
    }
  });

  it('a name curated as another option is no -Z flag of nightly', () => {
    const others = entries.filter((e) => e.status === 'other-option');
    expect(others.length).toBeGreaterThan(0);
    for (const e of others) expect(zFlags.has(e.flag.slice(2)), e.flag).toBe(false);
  });

  it('every -Z flag of the bundled registry that nightly no longer lists is removed there, and curated', () => {
    const curated = new Set(entries.map((e) => e.flag));
    const reg = loadBundledRegistry();
    const gone = reg.features.filter((e) => e.kind === 'flag' && !zFlags.has(e.name.slice(2)));
    expect(gone.length).toBeGreaterThan(0);
    for (const e of gone) {
      expect(e.status, e.name).toBe('removed');
      expect(curated.has(e.name), e.name).toBe(true);
    }
    for (const e of reg.features.filter((x) => x.kind === 'flag' && zFlags.has(x.name.slice(2)))) expect(e.status, e.name).toBe('unstable');
  });
});
