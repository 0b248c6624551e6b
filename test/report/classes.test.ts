import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import type { Gate } from '../../src/model/report.js';
import { registry, scanOf } from './load.js';

const byName = (gates: Gate[]) => new Map(gates.map((g) => [g.name, g]));

describe('gate classes (kernel-with-every-class, minimum 1.78.0, registry of rustc 1.95.0)', () => {
  const report = computeReport(scanOf('kernel-with-every-class'), registry());
  const gates = byName(report.gates);

  it('a feature stable after the minimum is removable-at its release', () => {
    expect(gates.get('inline_const')).toMatchObject({ class: 'removable-at', since: '1.79.0', status: 'stable', trackingIssue: 76001 });
    expect(gates.get('raw_ref_op')).toMatchObject({ class: 'removable-at', since: '1.82.0' });
  });

  it('an unstable feature is a blocker with its tracking issue; incomplete and internal say so', () => {
    expect(gates.get('arbitrary_self_types')).toMatchObject({ class: 'blocker', since: null, trackingIssue: 44874, status: 'unstable' });
    expect(gates.get('generic_const_exprs')).toMatchObject({ class: 'blocker', status: 'incomplete' });
    expect(gates.get('generic_const_exprs')!.reason).toContain('incomplete');
  });

  it('an unknown or removed feature is an error that says since when and why', () => {
    expect(gates.get('made_up_feature')).toMatchObject({ class: 'error', status: 'unknown' });
    expect(gates.get('made_up_feature')!.reason).toContain('unknown to rustc 1.95.0');
    expect(gates.get('box_syntax')).toMatchObject({ class: 'error', since: '1.70.0', status: 'removed' });
    expect(gates.get('box_syntax')!.reason).toContain('removed in 1.70.0: replaced with');
  });

  it('a flag with a stable -C replacement is removable-at the release of the replacement', () => {
    expect(gates.get('-Zno-jump-tables')).toMatchObject({ class: 'removable-at', since: '1.93.0', replacement: '-Cjump-tables=n' });
  });

  it('flags are found under any spelling and reported under the registry name', () => {
    expect(gates.has('-Zllvm_module_flag')).toBe(false);
    expect(gates.get('-Zllvm-module-flag')).toMatchObject({ class: 'removable-at', since: '1.98.0' });
  });

  it('a gate used only under not(CONFIG_RUSTC_HAS_X) goes when the minimum reaches the Kconfig threshold', () => {
    expect(gates.get('coerce_unsized')).toMatchObject({ class: 'removable-at', since: '1.84.0', status: 'unstable' });
    expect(gates.get('derive_coerce_pointee')).toMatchObject({ class: 'blocker' });
  });

  it('uses of one gate in several places are one gate with every place', () => {
    expect(gates.get('used_with_arg')!.occurrences.map((o) => `${o.file}:${o.line}`)).toEqual(['rust/kernel/lib.rs:26', 'scripts/Makefile.build:256']);
  });

  it('lists errors, then unknown, then blockers, then removable-at by release, then removable', () => {
    const order = { error: 0, unknown: 1, blocker: 2, 'removable-at': 3, removable: 4 };
    const ranks = report.gates.map((g) => order[g.class]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const later = report.gates.filter((g) => g.class === 'removable-at').map((g) => g.since);
    expect(later).toEqual(['1.79.0', '1.81.0', '1.82.0', '1.84.0', '1.93.0', '1.98.0']);
  });
});

describe('--rustc: judged as if the minimum were newer', () => {
  const report = computeReport(scanOf('kernel-with-every-class'), registry(), { rustc: '1.85' });
  const gates = byName(report.gates);

  it('gates stable at or before it are removable now', () => {
    expect(report.judgedAgainst).toBe('1.85.0');
    expect(report.rustMinVersion).toBe('1.78.0');
    for (const name of ['inline_const', 'lint_reasons', 'raw_ref_op']) expect(gates.get(name)?.class, name).toBe('removable');
  });

  it('gates confined to older compilers are gone', () => {
    expect(gates.has('coerce_unsized')).toBe(false);
    expect(gates.get('-Zno-jump-tables')).toMatchObject({ class: 'removable-at', since: '1.93.0' });
  });

  it('a version below the tree minimum is a warning, not a failure', () => {
    const low = computeReport(scanOf('kernel-with-every-class'), registry(), { rustc: '1.70.0' });
    expect(low.diagnostics.map((d) => d.code)).toContain('report/rustc-below-minimum');
  });
});

describe('registry entries with missing facts', () => {
  it('a stable gate whose release is unknown waits (removable-at without a release), it is never removable now', () => {
    const reg = registry();
    reg.features.find((e) => e.name === 'inline_const')!.since = null;
    const g = computeReport(scanOf('kernel-with-every-class'), reg, { rustc: '1.95' }).gates.find((x) => x.name === 'inline_const');
    expect(g).toMatchObject({ class: 'removable-at', since: null });
    expect(g!.reason).toContain('release unknown');
  });

  it("an unstable -Z flag whose stable replacement's release is only in the provenance is removable-at that release", () => {
    const reg = registry();
    const flag = reg.features.find((e) => e.name === '-Zfunction-sections')!;
    flag.replacement = '-Cfunction-sections';
    flag.sources.push({ fact: 'since', source: 'curated', value: '1.90.0', at: 'RELEASES.md, Version 1.90.0' });
    const g = computeReport(scanOf('kernel-with-every-class'), reg).gates.find((x) => x.name === '-Zfunction-sections');
    expect(g).toMatchObject({ class: 'removable-at', since: '1.90.0', status: 'unstable', replacement: '-Cfunction-sections' });
  });
});

describe('cargo -Z flags', () => {
  it('are blockers of their own, never looked up in the rustc registry', () => {
    const scan = scanOf('kernel-with-every-class');
    const base = scan.occurrences.find((o) => o.name === '-Zfunction-sections')!;
    scan.occurrences.push({ ...base, name: '-Zbuild-std', value: null, file: 'rust/Makefile', line: 203, tool: 'cargo', guards: [], condition: null });
    const g = computeReport(scan, registry()).gates.find((x) => x.name === '-Zbuild-std');
    expect(g).toMatchObject({ class: 'blocker', status: 'unstable', registryKind: null });
    expect(g!.reason).toContain('cargo');
    expect(g!.occurrences[0]!.tool).toBe('cargo');
  });
});
