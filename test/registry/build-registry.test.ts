import { describe, expect, it } from 'vitest';
import { FEATURE_ANSWER_SCHEMA, type FeatureAnswer } from '../../src/model/feature.js';
import { buildRegistry, factsFromRegistry } from '../../src/registry/build-registry.js';
import { collectFlagHistory } from '../../src/registry/flag-history.js';
import { featureReporters } from '../../src/reporters/registry/index.js';
import type { FeatureFact, RegistryFacts } from '../../src/registry/types.js';

const set = (source: string, facts: FeatureFact[], label?: string): RegistryFacts => ({ source, ...(label ? { label } : {}), facts, diagnostics: [], provenance: [{ source, detail: `${facts.length} facts` }] });
const options = { toolchain: { name: 'nightly', version: '1.97.0-nightly' }, generatedAt: '2026-05-20T00:00:00.000Z' };

describe('merging sources', () => {
  const reg = buildRegistry(
    [
      set('rust-checkout', [
        { name: 'c_variadic', kind: 'lang', status: 'stable', since: '1.99.0', trackingIssue: 44930, at: 'compiler/rustc_feature/src/accepted.rs:28' },
        { name: 'box_syntax', kind: 'lang', status: 'removed', since: '1.70.0', trackingIssue: 49733, reason: 'replaced with `#[rustc_box]`', pull: 108471 },
        { name: 'generators', kind: 'lang', status: 'removed', since: '1.75.0', trackingIssue: 43122, reason: 'renamed to `coroutines`', renamedTo: 'coroutines' },
      ]),
      set('unstable-book', [
        { name: 'allocator_api', kind: 'lib', status: 'unstable', trackingIssue: 32838, at: 'unstable-book/library-features/allocator-api.html' },
        { name: 'rustc_attrs', kind: 'lang', status: 'unstable', trackingIssue: null },
        { name: 'stdarch_arm_neon_intrinsics', kind: 'lib', status: 'unstable', trackingIssue: 111800 },
        { name: '-Zbranch-protection', kind: 'flag', status: 'unstable', trackingIssue: 113369 },
      ]),
      set('bundled', [{ name: 'only_in_newer_nightly', kind: 'lang', status: 'unstable', trackingIssue: 1 }]),
      set('curated', [{ name: '-Zno-jump-tables', kind: 'flag', status: 'stable', since: '1.93.0', replacement: '-Cjump-tables=n', at: 'RELEASES.md 1.93.0' }]),
      set('compiler', [
        { name: 'c_variadic', status: 'unstable', since: null },
        { name: 'box_syntax', status: 'removed', since: '1.70.0', reason: 'replaced with `#[rustc_box]`', pull: 108471 },
        { name: 'generators', status: 'removed', since: '1.75.0' },
        { name: 'allocator_api', status: 'unstable', since: null },
        { name: 'rustc_attrs', status: 'internal', since: null },
        { name: 'stdarch_arm_neon_intrinsics', status: 'unknown', since: null },
        { name: 'only_in_newer_nightly', status: 'unknown', since: null },
      ], 'rustc 1.97.0-nightly'),
      set('rustc-z-help', [{ name: '-Zbranch-protection', kind: 'flag', status: 'unstable', help: 'set options for branch target identification' }], 'rustc 1.97.0-nightly'),
    ],
    options,
  );
  const get = (n: string) => reg.features.find((e) => e.name === n);

  it('lets the compiler win and reports the disagreement at the other source\'s place', () => {
    expect(get('c_variadic')).toMatchObject({ status: 'unstable', since: null, verified: true, trackingIssue: 44930 });
    const d = reg.diagnostics.find((x) => x.code === 'registry/disagreement');
    expect(d).toMatchObject({ severity: 'warning', file: 'compiler/rustc_feature/src/accepted.rs', line: 28 });
    expect(d?.message).toContain('rust-checkout says stable');
    expect(d?.message).toContain('rustc 1.97.0-nightly says unstable');
  });

  it('does not call the Unstable Book wrong for not knowing the finer internal/incomplete status', () => {
    expect(get('rustc_attrs')?.status).toBe('internal');
    expect(reg.diagnostics.filter((x) => x.message.includes('rustc_attrs'))).toEqual([]);
  });

  it('keeps removal facts: release, reason, rename, pull request', () => {
    expect(get('box_syntax')).toMatchObject({ status: 'removed', since: '1.70.0', reason: 'replaced with `#[rustc_box]`', pull: 108471 });
    expect(get('generators')).toMatchObject({ renamedTo: 'coroutines' });
  });

  it('keeps a documented library feature unknown on this host as target-specific, and drops names this compiler does not know', () => {
    expect(get('stdarch_arm_neon_intrinsics')).toMatchObject({ status: 'unstable', hostUnknown: true });
    expect(get('stdarch_arm_neon_intrinsics')?.verified).toBeUndefined();
    expect(get('only_in_newer_nightly')).toBeUndefined();
    expect(reg.diagnostics.find((x) => x.code === 'registry/unknown-to-compiler')?.message).toContain('only_in_newer_nightly');
    expect(reg.diagnostics.find((x) => x.code === 'registry/host-unknown')?.message).toContain('stdarch_arm_neon_intrinsics');
  });

  it('gives flags their help from -Z help and curated flags their replacement', () => {
    expect(get('-Zbranch-protection')).toMatchObject({ kind: 'flag', status: 'unstable', trackingIssue: 113369, help: 'set options for branch target identification', verified: true });
    expect(get('-Zno-jump-tables')).toMatchObject({ status: 'stable', since: '1.93.0', replacement: '-Cjump-tables=n' });
  });

  it('records provenance per fact', () => {
    const s = get('c_variadic')!.sources;
    expect(s).toContainEqual({ fact: 'status', source: 'compiler', value: 'unstable', at: 'rustc 1.97.0-nightly' });
    expect(s).toContainEqual({ fact: 'status', source: 'rust-checkout', value: 'stable', at: 'compiler/rustc_feature/src/accepted.rs:28' });
    expect(s).toContainEqual({ fact: 'trackingIssue', source: 'rust-checkout', value: 44930, at: 'compiler/rustc_feature/src/accepted.rs:28' });
  });

  it('orders entries lang, lib, flag and by name', () => {
    expect(reg.features.map((e) => e.name)).toEqual(['box_syntax', 'c_variadic', 'generators', 'rustc_attrs', 'allocator_api', 'stdarch_arm_neon_intrinsics', '-Zbranch-protection', '-Zno-jump-tables']);
  });
});

describe('without a compiler', () => {
  it('takes the status of the most trusted source and marks nothing verified', () => {
    const reg = buildRegistry([set('rust-checkout', [{ name: 'let_chains', kind: 'lang', status: 'stable', since: '1.88.0', trackingIssue: 53667 }]), set('bundled', [{ name: 'let_chains', kind: 'lang', status: 'unstable', since: null }])], { ...options, toolchain: null });
    expect(reg.features).toEqual([expect.objectContaining({ name: 'let_chains', status: 'stable', since: '1.88.0' })]);
    expect(reg.features[0]?.verified).toBeUndefined();
    expect(reg.diagnostics).toEqual([]);
  });
});

describe('a flag that became a stable option', () => {
  it('keeps the curated replacement and its release even while this toolchain still lists the -Z form', () => {
    const reg = buildRegistry(
      [
        set('curated', [{ name: '-Zdwarf-version', kind: 'flag', status: 'stable', since: '1.88.0', replacement: '-Cdwarf-version' }]),
        set('rustc-z-help', [{ name: '-Zdwarf-version', kind: 'flag', status: 'unstable', help: 'version of DWARF debug information to emit' }], 'rustc 1.97.0-nightly'),
      ],
      options,
    );
    expect(reg.features[0]).toMatchObject({ status: 'unstable', verified: true, replacement: '-Cdwarf-version', replacementSince: '1.88.0', since: null });
  });
});

describe('several tracking issues', () => {
  const reg = buildRegistry(
    [
      set('unstable-book', [{ name: '-Zsanitizer', kind: 'flag', status: 'unstable', trackingIssue: 39699, trackingIssues: [39699, 89653] }]),
      set('rustc-z-help', [{ name: '-Zsanitizer', kind: 'flag', status: 'unstable', help: 'use a sanitizer' }], 'rustc 1.97.0-nightly'),
    ],
    options,
  );
  const entry = reg.features.find((e) => e.name === '-Zsanitizer')!;

  it('keeps all of them in trackingIssues, the first in trackingIssue', () => {
    expect(entry).toMatchObject({ trackingIssue: 39699, trackingIssues: [39699, 89653] });
  });

  it('carries them through a bundled registry and shows them all in `feature` output', () => {
    const again = buildRegistry([factsFromRegistry(reg)], options).features.find((e) => e.name === '-Zsanitizer')!;
    expect(again.trackingIssues).toEqual([39699, 89653]);
    const answer: FeatureAnswer = { schema: FEATURE_ANSWER_SCHEMA, query: '-Zsanitizer', entry: again, registry: { toolchain: reg.toolchain, generatedAt: reg.generatedAt }, probe: null };
    const text = featureReporters.text(answer, { colour: false }).output;
    expect(text).toContain('tracking issues: #39699 https://github.com/rust-lang/rust/issues/39699, #89653 https://github.com/rust-lang/rust/issues/89653');
  });
});

describe('-Z names of the Unstable Book that nightly does not list, with the curated history', () => {
  const history = JSON.stringify({
    flags: [
      { flag: '-Zcontrol-flow-guard', status: 'stabilized', release: '1.47.0', replacement: '-Ccontrol-flow-guard', pull: 73893, trackingIssue: 68793, source: 'RELEASES.md, Version 1.47.0' },
      { flag: '-Zno-parallel-llvm', status: 'removed', release: '1.78.0', renamedTo: '-Zno-parallel-backend', pull: 116791, source: 'pull 116791, Version 1.78.0' },
      { flag: '-Zenv-set', status: 'other-option', option: '--env-set', trackingIssue: 118372, source: 'Unstable Book compiler-flags/env-set.html' },
    ],
  });
  const book = (name: string) => ({ name, kind: 'flag' as const, status: 'unstable' as const, trackingIssue: null, at: `unstable-book/compiler-flags/${name.slice(2)}.html` });
  const build = (zHelp: string[]) =>
    buildRegistry(
      [
        set('unstable-book', ['-Zcontrol-flow-guard', '-Zno-parallel-llvm', '-Zenv-set', '-Zreport-time'].map(book)),
        collectFlagHistory(history),
        set('rustc-z-help', zHelp.map((name) => ({ name, kind: 'flag' as const, status: 'unstable' as const })), 'rustc 1.97.0-nightly'),
      ],
      options,
    );
  const reg = build(['-Zno-parallel-backend']);
  const get = (n: string) => reg.features.find((e) => e.name === n);

  it('keeps a flag stabilized under another name as removed, replaced by the stable option', () => {
    expect(get('-Zcontrol-flow-guard')).toMatchObject({ status: 'removed', replacement: '-Ccontrol-flow-guard', replacementSince: '1.47.0', pull: 73893, trackingIssue: 68793 });
  });

  it('keeps a flag renamed to another -Z flag as removed in its release, with the new name', () => {
    expect(get('-Zno-parallel-llvm')).toMatchObject({ status: 'removed', since: '1.78.0', renamedTo: '-Zno-parallel-backend', pull: 116791 });
  });

  it('leaves out a name that is another option, and says which option, apart from the uncurated ones', () => {
    expect(get('-Zenv-set')).toBeUndefined();
    expect(reg.diagnostics.find((d) => d.code === 'registry/not-a-flag')?.message).toContain('-Zenv-set (--env-set)');
    // The one name nothing curated is still the only one the uncurated list names.
    expect(reg.diagnostics.find((d) => d.code === 'registry/unknown-to-compiler')?.message).toMatch(/^1 -Z flags .*: -Zreport-time$/);
  });

  it('lets a -Z help that lists the name win over "another option"', () => {
    expect(build(['-Zenv-set']).features.find((e) => e.name === '-Zenv-set')).toMatchObject({ status: 'unstable', verified: true });
  });
});
