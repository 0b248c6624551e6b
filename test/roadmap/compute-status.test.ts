import { describe, expect, it } from 'vitest';
import { buildRoadmap } from '../../src/roadmap/build-roadmap.js';
import { computeEntryStatus, computeRoadmapStatus } from '../../src/roadmap/compute-status.js';
import { renderWantedList } from '../../src/reporters/roadmap/wanted-list.js';
import { registryOf, roadmapFixture, scanOf } from './helpers.js';

const registry = registryOf([
  { name: 'frob_stable', status: 'stable', since: '1.88.0' },
  { name: 'frob_old', status: 'stable', since: '1.70.0' },
  { name: 'frob_unstable', status: 'unstable', since: null },
  { name: 'frob_removed', status: 'removed', since: '1.80.0' },
  { name: '-Zfrob-level', status: 'unstable', since: null },
]);
const scan = scanOf([
  { name: 'frob_stable', file: 'rust/kernel/lib.rs', line: 17 },
  { name: '-Zfrob-level', file: 'Makefile', line: 500 },
  { name: 'frob_uncovered', file: 'rust/kernel/lib.rs', line: 18 },
]);
const doc = buildRoadmap([roadmapFixture('written-status-conflicts', 'roadmap.toml')]);
const linked = computeRoadmapStatus(doc, { registry, scan, registryLabel: 'hand-made', scanLabel: 'hand-made scan' });
const item = (title: string) => linked.wanted.find((w) => w.title.startsWith(title))!;

describe('computed status beside the written one', () => {
  it('computes each state from the registry and the scan', () => {
    expect(linked.wanted.map((w) => [w.title.split(':')[0], w.written.status, w.computed.state, w.computed.stableSince, w.computed.stillEnabledByKernel])).toEqual([
      ['Required but stable', 'Required', 'stable', '1.88.0', ['frob_stable']],
      ['Done but the kernel still enables it', 'Done', 'stable', '1.88.0', ['frob_stable']],
      ['Done and gone from the kernel', 'Done', 'stable', '1.70.0', []],
      ['Partly stable', 'Nice to have', 'partly-stable', null, ['frob_stable']],
      ['Removed', 'Low priority', 'removed', null, []],
      ['Unknown gate', 'Required', 'unknown', null, []],
      ['Requested name', 'Required', 'unknown', null, []],
      ['Flag still passed by the kernel', 'Required', 'unstable', null, ['-Zfrob-level']],
      ['Gate named only in the text', 'Discussion needed', 'unstable', null, []],
      ['Done while still unstable', 'Done', 'unstable', null, []],
    ]);
    expect(item('Flag still').computed.gates[0]!.kernelUses).toEqual(['Makefile:500']);
  });

  it('links a backticked name in the text only when the registry knows it', () => {
    expect(item('Gate named only').gates).toEqual([{ name: 'frob_unstable', kind: 'feature', from: 'text' }]);
    const without = computeRoadmapStatus(doc, { registry: null, scan: null });
    expect(without.wanted.find((w) => w.title.startsWith('Gate named only'))!.gates).toEqual([]);
  });

  it('reports conflicts and unknown gates as findings with their place, not for proposed names', () => {
    expect(linked.findings.map((f) => [f.code, f.severity, f.line])).toEqual([
      ['roadmap/open-but-stable', 'warning', 3],
      ['roadmap/done-but-kernel-enables', 'warning', 8],
      ['roadmap/unknown-gate', 'error', 31], // the line of its gates field
      ['roadmap/done-but-unstable', 'info', 47],
    ]);
    expect(linked.findings[0]!.message).toBe('"Required but stable" is listed as Required, but `frob_stable` is stable since 1.88.0');
    expect(linked.findings[1]!.message).toContain('rust/kernel/lib.rs:17');
  });

  it('reports coverage: kernel gates no entry names, entries whose gates are all stable', () => {
    expect(linked.coverage.uncoveredKernelGates).toEqual(['frob_uncovered']);
    expect(linked.coverage.entriesAllStable).toEqual(['required-but-stable', 'done-but-the-kernel-still-enables-it', 'done-and-gone-from-the-kernel']);
  });

  it('without a scan, nothing is "still enabled" and coverage of kernel gates is empty', () => {
    const noScan = computeRoadmapStatus(doc, { registry, scan: null });
    expect(noScan.wanted.every((w) => w.computed.stillEnabledByKernel.length === 0)).toBe(true);
    expect(noScan.findings.map((f) => f.code)).toEqual(['roadmap/open-but-stable', 'roadmap/unknown-gate', 'roadmap/done-but-unstable']);
    expect(noScan.against).toEqual({ registry: 'registry', scan: null });
  });

  it('an entry without gates has no computed state to conflict with', () => {
    expect(computeEntryStatus([])).toEqual({ state: 'no-gates', stableSince: null, stillEnabledByKernel: [], gates: [] });
  });

  it('the rendered wanted list names the Required items already stable and the Done items the kernel still gates', () => {
    const md = renderWantedList(linked, { colour: false }).output;
    const section = (h: string) => md.split(`### ${h}`)[1]!.split('###')[0]!;
    expect(section('Listed as open but already stable (1)')).toContain('Required but stable — Required, stable since 1.88.0; kernel enables frob_stable.');
    expect(section('Done but the kernel still enables the gate (1)')).toContain('Done but the kernel still enables it');
    expect(section('Done but the kernel still enables the gate (1)')).toContain('rust/kernel/lib.rs:17');
    expect(md).toContain('  - [x] Done and gone from the kernel\n    + Gates: `feature(frob_old)`.\n    + Computed: stable since 1.70.0.');
  });
});
