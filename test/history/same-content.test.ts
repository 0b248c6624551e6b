/**
 * Revisions whose scans say the same (another name, other run numbers) are judged once in a series: each still gets
 * a point of its own, equal to what it gets alone, and a revision that says something else is judged for itself.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeHistory, type HistoryRevision } from '../../src/analyses/history.js';
import { bundledKernels, bundledScanPath } from '../../src/inputs/scan.js';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { loadBundledRegistry } from '../../src/registry/load.js';

const registry = loadBundledRegistry();
const [newest, oldest] = bundledKernels();
const scanOf = (kernel: string) => JSON.parse(readFileSync(bundledScanPath(kernel), 'utf8')) as ScanSnapshot;
const revision = (rev: string, scan: ScanSnapshot): HistoryRevision => ({ rev, tag: null, commit: null, date: null, scan, diagnostics: [] });
const series = (revisions: HistoryRevision[]) => computeHistory(revisions, registry, { repository: null, version: 'test', generatedAt: 'now' });

describe('revisions that say the same', () => {
  it('each get the point they get alone, as objects of their own, and no event between them', () => {
    const old = scanOf(oldest!);
    const again: ScanSnapshot = { ...scanOf(oldest!), tree: 'another name', stats: { ...old.stats, elapsedMs: old.stats.elapsedMs + 1 } };
    const h = series([revision('a', old), revision('b', again), revision('c', scanOf(newest!))]);
    const alone = (rev: string, scan: ScanSnapshot) => ({ ...series([revision(rev, scan)]).series[0]! });
    expect(h.series[0]).toEqual(alone('a', old));
    expect(h.series[1]).toEqual(alone('b', again));
    expect(h.series[2]).toEqual(alone('c', scanOf(newest!)));
    expect(h.series[1]!.features).not.toBe(h.series[0]!.features);
    expect(h.events.filter((e) => e.rev === 'b')).toEqual([]);
    expect(h.events.filter((e) => e.rev === 'c').length).toBeGreaterThan(0);
  });
});
