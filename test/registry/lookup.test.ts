import { describe, expect, it } from 'vitest';
import { indexRegistry, isFlagName, normaliseName } from '../../src/registry/lookup.js';
import { REGISTRY_SCHEMA, type Registry } from '../../src/model/registry.js';

const reg: Registry = {
  schema: REGISTRY_SCHEMA,
  toolchain: null,
  generatedAt: '2026-01-01T00:00:00.000Z',
  provenance: [],
  diagnostics: [],
  features: [
    { name: '-Zbinary-dep-depinfo', kind: 'flag', status: 'unstable', since: null, trackingIssue: null, sources: [] },
    { name: 'let_chains', kind: 'lang', status: 'stable', since: '1.88.0', trackingIssue: 53667, sources: [] },
  ],
};

describe('lookup', () => {
  it('finds a flag in every spelling: underscores, a space after -Z, a value', () => {
    const idx = indexRegistry(reg);
    for (const n of ['-Zbinary_dep_depinfo', '-Z binary-dep-depinfo', '-Zbinary-dep-depinfo', '-Zbinary-dep-depinfo=y']) {
      expect(idx.get(n)?.name, n).toBe('-Zbinary-dep-depinfo');
    }
  });
  it('finds features as written and nothing for unknown names', () => {
    const idx = indexRegistry(reg);
    expect(idx.get('let_chains')?.since).toBe('1.88.0');
    expect(idx.get('let-chains')).toBeUndefined();
    expect(idx.get('nope')).toBeUndefined();
  });
  it('normalises only flags', () => {
    expect(normaliseName(' -Z crate_attr ')).toBe('-Zcrate-attr');
    expect(normaliseName('generic_const_exprs')).toBe('generic_const_exprs');
    expect(isFlagName('-Zfoo')).toBe(true);
    expect(isFlagName('foo')).toBe(false);
  });
});

describe('names that suggest a target', () => {
  it('are recognised by their architecture word, not by a substring', async () => {
    const { looksTargetSpecific } = await import('../../src/registry/answer.js');
    expect(looksTargetSpecific('stdarch_arm_neon_intrinsics')).toBe(true);
    expect(looksTargetSpecific('riscv_target_feature')).toBe(true);
    expect(looksTargetSpecific('charm_feature')).toBe(false);
    expect(looksTargetSpecific('let_chains')).toBe(false);
  });
});
