/**
 * `gatewatch history` with no repository: the series of the bundled kernel scans (data/scans/), oldest first, so
 * that the default command and the dashboard have a history without a kernel clone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { bundledKernels, bundledScanPath } from '../../src/inputs/scan.js';
import type { HistoryDocument } from '../../src/model/history.js';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { loadBundledRegistry } from '../../src/registry/load.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { historyGateName } from '../../src/analyses/history.js';

describe('history of the bundled scans', () => {
  it('has a point per bundled kernel, oldest first, each as its own report counts it', async () => {
    const r = await runCli(['history', '--json', '--registry', fixture('..', 'data', 'registry.json')]);
    expect(r.code, r.stderr).toBe(0);
    const h = JSON.parse(r.stdout) as HistoryDocument;
    const kernels = [...bundledKernels()].reverse();
    expect(kernels.length).toBeGreaterThanOrEqual(2);
    expect(h.repository).toBeNull();
    expect(h.series.map((p) => p.rev)).toEqual(kernels.map((k) => `linux-${k}`));
    const registry = loadBundledRegistry();
    kernels.forEach((k, i) => {
      const scan = JSON.parse(readFileSync(bundledScanPath(k), 'utf8')) as ScanSnapshot;
      const report = computeReport(scan, registry);
      const point = h.series[i]!;
      expect(point).toMatchObject({ tag: null, commit: null, date: null, kernelVersion: scan.kernelVersion, rustMinVersion: scan.rustMinVersion, readable: true });
      expect(point.done).toEqual({ total: report.done.total, remaining: report.done.remaining, ratio: report.done.ratio });
      // A history point names flags without their values: the report's per-value gates (-Zsanitizer=kcfi) are one flag there.
      expect(point.features.length + point.flags.length).toBe(new Set(report.gates.map((g) => `${g.kind}:${historyGateName(g)}`)).size);
    });
    // 6.12 no longer vendors alloc: its gates went away between the two.
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'removed', name: 'allocator_internals', rev: `linux-${kernels[1]}` }));
  });

  it('--tags needs a repository', async () => {
    const r = await runCli(['history', '--tags', 'v6.*']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('name the repository');
  });
});
