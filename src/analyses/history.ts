/**
 * The history series: each revision's gates judged at that revision's own minimum rustc, and the events between
 * consecutive revisions (a gate added, removed, or of another class). Pure: it reads scan documents and a
 * registry, so the CLI and the dashboard compute the same series.
 */
import { gateKey } from './classify.js';
import { normaliseFlagName } from './registry-index.js';
import { computeReport } from './report.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { HISTORY_SCHEMA, type HistoryDocument, type HistoryEvent, type HistoryPoint } from '../model/history.js';
import type { Registry } from '../model/registry.js';
import type { Gate, GateClass } from '../model/report.js';
import type { ScanSnapshot } from '../model/scan.js';

/** One revision to put in the series: where it comes from, and its scan (null when its tree could not be read). */
export interface HistoryRevision {
  rev: string;
  tag: string | null;
  commit: string | null;
  date: string | null;
  scan: ScanSnapshot | null;
  /** Problems met getting the scan (an unreadable tree, a submodule left out). */
  diagnostics: Diagnostic[];
}

/** What the series is read from and judged with, for the document. */
export interface HistoryOptions {
  repository: string | null;
  /** Diagnostics of the run as a whole (asking a compiler about names), after the points'. */
  diagnostics?: readonly Diagnostic[];
  generatedAt?: string;
  version: string;
}

/** The name a gate has in a series: a feature's name, a flag as `-Zname` in the registry's spelling. */
export function historyGateName(g: Pick<Gate, 'kind' | 'name'>): string {
  return g.kind === 'flag' ? normaliseFlagName(g.name) : g.name;
}

/** Gates of a revision by key, from its report at its own minimum rustc. */
function gatesOf(scan: ScanSnapshot, registry: Registry): { gates: Gate[]; point: Pick<HistoryPoint, 'features' | 'flags' | 'counts' | 'done'> } {
  const report = computeReport(scan, registry, { planner: false });
  const features = new Set<string>();
  const flags = new Set<string>();
  const counts: Partial<Record<GateClass, number>> = {};
  for (const g of report.gates) {
    (g.kind === 'feature' ? features : flags).add(historyGateName(g));
    counts[g.class] = (counts[g.class] ?? 0) + 1;
  }
  const { total, remaining, ratio } = report.done;
  return { gates: report.gates, point: { features: [...features].sort(), flags: [...flags].sort(), counts, done: { total, remaining, ratio } } };
}

/** What a scan says, for judging it: all of it but its name, its run's numbers and its generator. */
function contentOf(scan: ScanSnapshot): string {
  const { tree, stats, generator, ...says } = scan;
  return JSON.stringify(says);
}

/** Compute the history document of revisions given oldest first. */
export function computeHistory(revisions: readonly HistoryRevision[], registry: Registry, options: HistoryOptions): HistoryDocument {
  const series: HistoryPoint[] = [];
  const events: HistoryEvent[] = [];
  // The last point whose tree was read: an unreadable revision is skipped over, not taken as "every gate removed".
  let previous: { rev: string; gates: Map<string, Gate> } | null = null;
  // Revisions whose scans say the same (a commit that changed no gate) are judged once.
  const judged = new Map<string, ReturnType<typeof gatesOf>>();
  for (const r of revisions) {
    const base = { rev: r.rev, tag: r.tag, commit: r.commit, date: r.date };
    if (r.scan === null) {
      series.push({ ...base, kernelVersion: null, rustMinVersion: null, features: [], flags: [], counts: {}, done: { total: 0, remaining: 0, ratio: 1 }, readable: false, diagnostics: r.diagnostics });
      continue;
    }
    const content = contentOf(r.scan);
    const once = judged.get(content) ?? gatesOf(r.scan, registry);
    judged.set(content, once);
    const { gates } = once;
    const point = { ...once.point, features: [...once.point.features], flags: [...once.point.flags], counts: { ...once.point.counts }, done: { ...once.point.done } };
    series.push({ ...base, kernelVersion: r.scan.kernelVersion, rustMinVersion: r.scan.rustMinVersion, ...point, readable: true, diagnostics: [...r.diagnostics, ...r.scan.diagnostics] });
    const byKey = new Map(gates.map((g) => [gateKey(g), g]));
    if (previous !== null) events.push(...computeEvents(previous, { rev: r.rev, gates: byKey }));
    previous = { rev: r.rev, gates: byKey };
  }
  return {
    schema: HISTORY_SCHEMA,
    repository: options.repository,
    registry: registry.toolchain ? { name: registry.toolchain.name, version: registry.toolchain.version } : null,
    series,
    events,
    diagnostics: [...(options.diagnostics ?? [])],
    generator: { name: 'gatewatch', version: options.version, generatedAt: options.generatedAt ?? new Date().toISOString() },
  };
}

/** Gates added, removed and reclassified from one point to the next, sorted by kind and name within each type. */
function computeEvents(before: { rev: string; gates: Map<string, Gate> }, after: { rev: string; gates: Map<string, Gate> }): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  const at = { rev: after.rev, previousRev: before.rev };
  for (const [key, g] of after.gates) {
    const old = before.gates.get(key);
    if (!old) out.push({ type: 'added', name: historyGateName(g), kind: g.kind, ...at });
    else if (old.class !== g.class) out.push({ type: 'class-changed', name: historyGateName(g), kind: g.kind, ...at, from: old.class, to: g.class });
  }
  for (const [key, g] of before.gates) if (!after.gates.has(key)) out.push({ type: 'removed', name: historyGateName(g), kind: g.kind, ...at });
  const order = { added: 0, removed: 1, 'class-changed': 2 } as const;
  return out.sort((a, b) => order[a.type] - order[b.type] || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
