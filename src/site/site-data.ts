/**
 * What the site shows, computed from documents only (scans, registry, linked roadmap, history): the report of
 * the newest kernel, each gate's roadmap entries and history, and the small documents the browser's planner
 * reads. Pure, so the pages can be rendered again later from the same data.
 */
import { computeNewestKnownRelease } from '../analyses/planner.js';
import { computeReport } from '../analyses/report.js';
import { compareRustVersions } from '../core/rust-version.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { HistoryDocument } from '../model/history.js';
import type { Registry, RegistryEntry } from '../model/registry.js';
import type { Gate, GateClass, ReportDocument } from '../model/report.js';
import type { LinkedRoadmap, RoadmapDocument } from '../model/roadmap.js';
import { computeRoadmapStatus } from '../roadmap/compute-status.js';
import type { ScanSnapshot } from '../model/scan.js';
import { normaliseName } from '../registry/lookup.js';
import { computeHistory, type HistoryRevision } from '../analyses/history.js';

/** The most the whole site (pages, data, script and style) may weigh, in bytes: it is read over slow links too. */
export const SITE_SIZE_BUDGET = 500 * 1024;

/** Schema id of the data document the site embeds (assets/data.js) and writes beside its pages (data.json). */
const SITE_DATA_SCHEMA = 'gatewatch/site@1' as const;

/** Which list of the roadmap an entry is in. */
export type RoadmapSection = 'goal' | 'wanted' | 'other-topic';

/** A roadmap entry that names a gate, as the gate's page and the gates table's filter show it. */
interface RoadmapRef {
  /** Anchor of the entry on the roadmap page. */
  anchor: string;
  title: string;
  section: RoadmapSection;
  /** Wanted category, `goal` or `other-topic`. */
  category: string;
  /** Who is on it: point of contact, task owners, people copied. */
  people: string[];
}

/** One gate of the newest kernel with what the site adds: its page, places, roadmap entries and history. */
export interface SiteGate {
  /** `feature:name` or `flag:-Zname`: the report's gate it extends. */
  key: string;
  /** File name of its page under gates/, without `.html`. */
  slug: string;
  /** Architectures and crates of its uses (`all` for a use without one). */
  arches: string[];
  crates: string[];
  roadmap: RoadmapRef[];
  /** Whether each point of the history used it, oldest first, with its class where the history says it. */
  history: { rev: string; used: boolean; class: GateClass | null }[];
}

/** What the planner computes from in the browser (assets/data.js, read by the planner page only). */
interface BrowserData {
  /** The newest scan, cut to what the report reads. */
  scan: ScanSnapshot;
  /** The registry, cut to the names the scan uses and the newest release it knows of. */
  registry: Registry;
  /** Versions the planner offers: the tree's minimum rustc up to the newest known release. */
  versions: string[];
}

/** The site's data document. */
export interface SiteData {
  schema: typeof SITE_DATA_SCHEMA;
  generator: { name: 'gatewatch'; version: string; generatedAt: string };
  /** The `--source-url` template of occurrence links. */
  sourceUrl: string;
  /** The kernels the site was built from, oldest first; the report is of the last one. */
  kernels: { tree: string; kernelVersion: string | null; rustMinVersion: string | null }[];
  report: ReportDocument;
  gates: SiteGate[];
  roadmap: LinkedRoadmap;
  history: HistoryDocument;
  browser: BrowserData;
}

/** What `computeSiteData` reads: documents, never sources. */
export interface SiteDocuments {
  scans: ScanSnapshot[];
  registry: Registry;
  /** Diagnostics of getting the documents (asking a compiler), shown with the report's. */
  diagnostics: Diagnostic[];
  roadmap: RoadmapDocument;
  /** A history document as it was read; null to compute one. */
  history: HistoryDocument | null;
  /** A repository's revisions to compute the history from; null for a series of the scans themselves. */
  revisions: HistoryRevision[] | null;
  /** The repository the revisions come from, as named. */
  repository: string | null;
  sourceUrl: string;
  generator: SiteData['generator'];
}

/** Key of a gate across documents. */
export const gateKey = (g: { kind: 'feature' | 'flag'; name: string; gate?: string }) => `${g.kind}:${g.gate ?? g.name}`;

/** A file name for a gate's page: its kind and name, with anything but `[A-Za-z0-9_-]` as `_`. */
function computeGateSlug(g: { kind: 'feature' | 'flag'; name: string; gate?: string }): string {
  // A flag whose value selects its own gate (`-Zsanitizer=kcfi`) has a page per value.
  return `${g.kind}-${(g.gate ?? g.name).replace(/^-Z/, '').replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** An anchor for a roadmap entry on the roadmap page. */
export function computeRoadmapAnchor(section: RoadmapSection, id: string): string {
  return `${section}-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Every roadmap entry with its anchor and the gate names it covers (normalised). */
function computeRoadmapEntries(roadmap: LinkedRoadmap): (RoadmapRef & { gates: string[] })[] {
  const names = (gates: { name: string }[]) => gates.map((g) => normaliseName(g.name));
  return [
    ...roadmap.goals.map((g) => ({
      anchor: computeRoadmapAnchor('goal', g.id),
      title: g.title,
      section: 'goal' as const,
      category: g.category,
      people: [...(g.pointOfContact ? [g.pointOfContact] : []), ...g.taskOwners],
      gates: names(g.computed.gates),
    })),
    ...roadmap.wanted.map((w) => ({
      anchor: computeRoadmapAnchor('wanted', w.id),
      title: w.title,
      section: 'wanted' as const,
      category: w.category,
      people: w.cc,
      gates: names(w.computed.gates),
    })),
    ...roadmap.otherTopics.map((t) => ({
      anchor: computeRoadmapAnchor('other-topic', `${t.roadmap ?? ''}-${t.rank}`),
      title: t.title,
      section: 'other-topic' as const,
      category: t.category,
      people: [],
      gates: names(t.computed.gates),
    })),
  ];
}

/** The registry cut to what a report of this scan reads: the entries of its names, and its newest release. */
export function computeRegistryForScan(registry: Registry, scan: ScanSnapshot): Registry {
  const used = new Set(scan.occurrences.map((o) => normaliseName(o.name)));
  const newest = computeNewestKnownRelease(registry);
  const newestEntry = registry.features.find((e) => e.status === 'stable' && e.since && newest && compareRustVersions(e.since, newest) === 0);
  const features: RegistryEntry[] = registry.features
    .filter((e) => used.has(normaliseName(e.name)) || e === newestEntry)
    .map((e) => {
      // The report reads two facts of the provenance: a flag replacement's release (`since`) and an unknown kind.
      const seen = new Set<string>();
      const sources = e.sources.filter((p) => {
        const key = `${p.fact}\u0000${JSON.stringify(p.value)}`;
        if ((p.fact !== 'since' && p.fact !== 'kind') || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      return { ...e, sources };
    });
  return { ...registry, provenance: [], diagnostics: [], features };
}

/** The scan cut to what the report reads (no stats, no diagnostics). */
function computeScanForBrowser(scan: ScanSnapshot): ScanSnapshot {
  return { ...scan, diagnostics: [], stats: { filesConsidered: scan.stats.filesConsidered, filesRead: scan.stats.filesRead, elapsedMs: 0 } };
}

/** Scans ordered oldest kernel first; scans without a kernel version keep their order, after the others. */
function sortScansByKernel(scans: readonly ScanSnapshot[]): ScanSnapshot[] {
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

/** The scans as the revisions of a history, oldest kernel first, named as `gatewatch history` names bundled ones. */
export function computeScanRevisions(scans: readonly ScanSnapshot[]): HistoryRevision[] {
  return sortScansByKernel(scans).map((scan) => ({
    rev: scan.kernelVersion ? `linux-${scan.kernelVersion}` : scan.tree,
    tag: null,
    commit: null,
    date: null,
    scan,
    diagnostics: [],
  }));
}

/** Compute the site's data from its documents. */
export function computeSiteData(docs: SiteDocuments): SiteData {
  const scans = sortScansByKernel(docs.scans);
  const newest = scans[scans.length - 1];
  if (!newest) throw new Error('computeSiteData needs at least one scan');
  const report = computeReport(newest, docs.registry, { diagnostics: docs.diagnostics });
  const roadmap = computeRoadmapStatus(docs.roadmap, { registry: docs.registry, registryLabel: docs.registry.toolchain ? `${docs.registry.toolchain.name} ${docs.registry.toolchain.version}` : 'bundled registry', scan: newest, scanLabel: newest.kernelVersion ? `kernel ${newest.kernelVersion}` : newest.tree });
  const history =
    docs.history ??
    computeHistory(docs.revisions ?? computeScanRevisions(scans), docs.registry, { repository: docs.repository, version: docs.generator.version, generatedAt: docs.generator.generatedAt });
  const entries = computeRoadmapEntries(roadmap);
  const series = history.series;
  const gates: SiteGate[] = report.gates.map((g: Gate) => {
    const norm = normaliseName(g.name);
    const arches = [...new Set(g.occurrences.map((o) => o.arch ?? 'all'))].sort();
    const crates = [...new Set(g.occurrences.map((o) => o.crate ?? 'unknown'))].sort();
    const refs = entries.filter((e) => e.gates.includes(norm)).map(({ gates: _gates, ...ref }) => ref);
    const gateHistory = series.map((p) => {
      const present = (g.kind === 'feature' ? p.features : p.flags).some((n) => normaliseName(n) === norm);
      const changed = history.events.filter((e) => e.rev === p.rev && normaliseName(e.name) === norm && e.to).pop();
      const last = p === series[series.length - 1];
      return { rev: p.rev, used: present, class: present ? (last ? g.class : (changed?.to ?? null)) : null };
    });
    return { key: gateKey(g), slug: computeGateSlug(g), arches, crates, roadmap: refs, history: gateHistory };
  });
  const registry = computeRegistryForScan(docs.registry, newest);
  return {
    schema: SITE_DATA_SCHEMA,
    generator: docs.generator,
    sourceUrl: docs.sourceUrl,
    kernels: scans.map((s) => ({ tree: s.tree, kernelVersion: s.kernelVersion, rustMinVersion: s.rustMinVersion })),
    report,
    gates,
    roadmap,
    history,
    browser: {
      scan: computeScanForBrowser(newest),
      registry,
      versions: report.planner.map((p) => p.version),
    },
  };
}
