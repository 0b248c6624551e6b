import { describe, expect, it } from 'vitest';
import { buildProbedRegistry, computeUnknownFeatureNames } from '../../src/analyses/probed-registry.js';
import { computeReport } from '../../src/analyses/report.js';
import { registry, scanOf } from './load.js';

describe('names the registry lacks, answered by the compiler', () => {
  const scan = scanOf('kernel-with-every-class');

  it('asks only about feature names the registry does not know', () => {
    expect(computeUnknownFeatureNames(scan, registry())).toEqual(['made_up_feature']);
  });

  it('a compiler answer turns an error into the class the answer implies; "unknown" stays an error', () => {
    const stable = buildProbedRegistry(registry(), [{ name: 'made_up_feature', status: 'stable', since: '1.80.0' }], 'nightly 1.97.0-nightly');
    const gate = computeReport(scan, stable).gates.find((g) => g.name === 'made_up_feature');
    expect(gate).toMatchObject({ class: 'removable-at', since: '1.80.0', status: 'stable' });
    expect(stable.provenance.at(-1)?.source).toBe('compiler');

    const unknown = buildProbedRegistry(registry(), [{ name: 'made_up_feature', status: 'unknown', since: null }], 'nightly');
    expect(computeReport(scan, unknown).gates.find((g) => g.name === 'made_up_feature')?.class).toBe('error');
  });
});
