/**
 * A history series made from scan documents (the bundled scans of 6.1 and 6.12, or the user's `--scan`s), for a
 * site built without a repository to walk: one point per scan, oldest kernel first, each judged at its own
 * minimum rustc, and the gates that came, went or changed class between consecutive points. Pure.
 */
import { computeReport } from '../analyses/report.js';
import { compareRustVersions } from '../core/rust-version.js';
import type { Registry } from '../model/registry.js';
import type { GateClass } from '../model/report.js';
import { HISTORY_SCHEMA, type HistoryDocument, type HistoryEvent, type HistoryPoint } from '../model/history.js';
import type { ScanSnapshot } from '../model/scan.js';

/** Scans ordered oldest kernel first; scans without a kernel version keep their order, after the others. */
export function sortScansByKernel(scans: readonly ScanSnapshot[]): ScanSnapshot[] {
  return [...scans]
    .map((scan, i) => ({ scan, i }))
    .sort((a, b) => {
      const va = a.scan.kernelVersion;
      const vb = b.scan.kernelVersion;
      if (va && vb) return compareRustVersions(va, vb) || a.i - b.i;
      return va ? -1 : vb ? 1 : a.i - b.i;
    })
    .map((x) => x.scan);
}

/** The history document of a list of scans (any order), judged with one registry. */
export function computeScanSeries(scans: readonly ScanSnapshot[], registry: Registry, generator: HistoryDocument['generator']): HistoryDocument {
  const series: HistoryPoint[] = [];
  const events: HistoryEvent[] = [];
  let previous: { rev: string; classes: Map<string, { kind: 'feature' | 'flag'; name: string; cls: GateClass }> } | null = null;
  for (const scan of sortScansByKernel(scans)) {
    const report = computeReport(scan, registry);
    const rev = scan.kernelVersion ? `v${scan.kernelVersion}` : scan.tree;
    const counts: Partial<Record<GateClass, number>> = {};
    const classes = new Map<string, { kind: 'feature' | 'flag'; name: string; cls: GateClass }>();
    for (const g of report.gates) {
      counts[g.class] = (counts[g.class] ?? 0) + 1;
      classes.set(`${g.kind}:${g.name}`, { kind: g.kind, name: g.name, cls: g.class });
    }
    const distinct = (kind: 'feature' | 'flag') => [...new Set(scan.occurrences.filter((o) => o.kind === kind).map((o) => o.name))].sort();
    series.push({
      rev,
      tag: scan.kernelVersion ? rev : null,
      commit: null,
      date: null,
      kernelVersion: scan.kernelVersion,
      rustMinVersion: scan.rustMinVersion,
      features: distinct('feature'),
      flags: distinct('flag'),
      counts,
      done: { total: report.done.total, remaining: report.done.remaining, ratio: report.done.ratio },
      readable: true,
      diagnostics: [],
    });
    if (previous) {
      for (const [key, g] of classes) {
        const before = previous.classes.get(key);
        if (!before) events.push({ type: 'added', name: g.name, kind: g.kind, rev, previousRev: previous.rev });
        else if (before.cls !== g.cls) events.push({ type: 'class-changed', name: g.name, kind: g.kind, rev, previousRev: previous.rev, from: before.cls, to: g.cls });
      }
      for (const [key, g] of previous.classes) {
        if (!classes.has(key)) events.push({ type: 'removed', name: g.name, kind: g.kind, rev, previousRev: previous.rev });
      }
    }
    previous = { rev, classes };
  }
  return { schema: HISTORY_SCHEMA, repository: null, registry: registry.toolchain ? { name: registry.toolchain.name, version: registry.toolchain.version } : null, series, events, diagnostics: [], generator };
}
