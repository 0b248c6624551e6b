import { describe, expect, it } from 'vitest';
import { computeCfgPredicate, type CfgLookup } from '../../src/analyses/cfg-predicate.js';
import { computeReport } from '../../src/analyses/report.js';
import { registry, scanOf } from './load.js';

const known: CfgLookup = (name, value) => (value !== null ? null : name === 'test' ? false : name === 'CONFIG_A' ? true : name === 'CONFIG_B' ? false : null);

describe('cfg predicates with three values', () => {
  it('reads names, not, all and any', () => {
    expect(computeCfgPredicate('test', known)).toBe(false);
    expect(computeCfgPredicate('not(test)', known)).toBe(true);
    expect(computeCfgPredicate('all(CONFIG_A, not(CONFIG_B))', known)).toBe(true);
    expect(computeCfgPredicate('any(CONFIG_B, test)', known)).toBe(false);
  });

  it('an unknown name decides nothing unless the rest decides', () => {
    expect(computeCfgPredicate('no_global_oom_handling', known)).toBe(null);
    expect(computeCfgPredicate('all(no_global_oom_handling, test)', known)).toBe(false);
    expect(computeCfgPredicate('any(no_global_oom_handling, CONFIG_A)', known)).toBe(true);
    expect(computeCfgPredicate('feature = "alloc"', known)).toBe(null);
  });

  it('text it cannot read is undecided, never a crash', () => {
    expect(computeCfgPredicate('all(CONFIG_A,', known)).toBe(null);
    expect(computeCfgPredicate('not(a, b)', known)).toBe(null);
  });
});

describe('--config drops gates under cfg(test)', () => {
  it('a feature enabled only for tests is not what a configuration builds', () => {
    const scan = scanOf('kernel-with-every-class');
    const base = scan.occurrences.find((o) => o.name === 'inline_const')!;
    scan.occurrences.push({ ...base, name: 'test', line: 30, via: 'cfg-attr', guards: [{ type: 'cfg', predicate: 'test', text: 'test' }], condition: 'test' });
    expect(computeReport(scan, registry()).gates.map((g) => g.name)).toContain('test');
    const withConfig = computeReport(scan, registry(), { config: { CONFIG_RUST: 'y', CONFIG_X86: 'y' } });
    expect(withConfig.gates.map((g) => g.name)).not.toContain('test');
  });
});
