import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { computeReleases } from '../../src/analyses/planner.js';
import { registry, scanOf } from './load.js';

describe('planner', () => {
  const report = computeReport(scanOf('kernel-with-every-class'), registry());

  it('has one row per release from the tree minimum to the newest the registry knows, and on to the last drop', () => {
    expect(report.planner.map((p) => p.version)).toEqual([...computeReleases('1.78.0', '1.95.0'), '1.98.0']);
    expect(report.planner.filter((p) => p.beyondRegistry).map((p) => p.version)).toEqual(['1.98.0']);
  });

  it('each row drops what becomes removable there, and the count falls by as many', () => {
    const at = new Map(report.planner.map((p) => [p.version, p]));
    expect(at.get('1.79.0')!.drops).toEqual(['inline_const']);
    expect(at.get('1.84.0')!.drops).toEqual(['coerce_unsized']);
    expect(at.get('1.93.0')!.drops).toEqual(['-Zno-jump-tables']);
    for (let i = 1; i < report.planner.length; i++) {
      const [a, b] = [report.planner[i - 1]!, report.planner[i]!];
      expect(a.remaining - b.remaining, b.version).toBe(b.drops.length);
    }
  });

  it('the first row counts every gate not removable at the minimum', () => {
    const first = report.planner[0]!;
    expect(first.remaining).toBe(report.gates.filter((g) => g.class !== 'removable').length);
  });
});

describe('done ratio', () => {
  const report = computeReport(scanOf('kernel-with-every-class'), registry());

  it('at the tree\'s own minimum, remaining counts every gate not removable there', () => {
    const remaining = report.gates.filter((g) => g.class !== 'removable').length;
    expect(report.done).toMatchObject({ total: report.gates.length, remaining });
    expect(report.done.ratio).toBeCloseTo((report.gates.length - remaining) / report.gates.length, 3);
  });

  it('per architecture, arch-independent gates count for every architecture and arch gates for theirs only', () => {
    expect(Object.keys(report.done.perArch)).toEqual(['arm64', 'x86']);
    const generic = report.gates.filter((g) => g.arches === undefined).length;
    expect(report.done.perArch['x86']!.total).toBe(generic + 2); // -Zcf-protection, -Zno-jump-tables
    expect(report.done.perArch['arm64']!.total).toBe(generic + 1); // -Zbranch-protection
  });
});

describe('audit of the kernel\'s own claims', () => {
  const audit = computeReport(scanOf('kernel-with-every-class'), registry()).audit;
  const find = (gate: string, line: number) => audit.find((a) => a.gate === gate && a.line === line);

  it('a "Stable since" comment with the wrong release is wrong, with the right release', () => {
    expect(find('lint_reasons', 11)).toMatchObject({ verdict: 'wrong', claimed: 'stable since 1.80.0', fact: 'stable since 1.81.0', file: 'rust/kernel/lib.rs' });
  });

  it('a "Stable since" comment over a still-unstable feature is wrong', () => {
    expect(find('arbitrary_self_types', 14)).toMatchObject({ verdict: 'wrong' });
    expect(find('arbitrary_self_types', 14)!.fact).toContain('still unstable');
  });

  it('right claims are ok', () => {
    expect(find('inline_const', 8)?.verdict).toBe('ok');
    expect(find('raw_ref_op', 14)?.verdict).toBe('ok');
    expect(find('arbitrary_self_types', 17)?.verdict).toBe('ok');
  });

  it('a Kconfig threshold beyond the newest known release is not called wrong', () => {
    expect(audit.find((a) => a.symbol === 'CONFIG_RUSTC_HAS_FUTURE_LINT')).toMatchObject({ verdict: 'unverifiable', file: 'init/Kconfig', line: 9 });
  });

  it('lists wrong claims first', () => {
    expect(audit.slice(0, 2).map((a) => a.verdict)).toEqual(['wrong', 'wrong']);
    expect(audit.filter((a) => a.verdict === 'wrong')).toHaveLength(2);
  });

  it('"expected to become stable" over an already stable feature is wrong', () => {
    const scan = scanOf('kernel-with-every-class');
    scan.claims = [{ kind: 'comment-group', claim: 'expected-stable', text: 'Expected to become stable.', file: 'rust/kernel/lib.rs', line: 3, gates: ['raw_ref_op'] }];
    expect(computeReport(scan, registry()).audit[0]).toMatchObject({ verdict: 'wrong', fact: 'already stable since 1.82.0' });
  });
});
