import type { Diagnostic } from './diagnostic.js';
import type { DoneCounts, GateClass, GateOccurrence } from './report.js';

/** Schema id of a history document; bump the number on an incompatible change, add fields freely. */
export const HISTORY_SCHEMA = 'gatewatch/history@1' as const;

/** Schema id of a diff document. */
export const DIFF_SCHEMA = 'gatewatch/diff@1' as const;

/** One revision of a history series: what the tree used then, judged at its own minimum rustc. */
export interface HistoryPoint {
  /** The revision as given (`v6.12`, a commit), or the bundled scan's label. */
  rev: string;
  /** The release tag this revision is, when it is one. */
  tag: string | null;
  /** Full commit id; null for a point made from a scan document. */
  commit: string | null;
  /** Commit date (ISO 8601); null when unknown. */
  date: string | null;
  kernelVersion: string | null;
  rustMinVersion: string | null;
  /** Distinct feature names the revision enables, sorted. */
  features: string[];
  /** Distinct flags the revision passes, as `-Zname` without their values, sorted. */
  flags: string[];
  /** Gates by class (`removable`, `removable-at`, `blocker`, `error`, ...) against the registry at `rustMinVersion`. */
  counts: Partial<Record<GateClass, number>>;
  /** The done ratio as the report defines it, at this revision's own minimum rustc. */
  done: DoneCounts;
  /** False when the revision's tree could not be read (its counts are then empty): the series goes on. */
  readable: boolean;
  /** Problems with this revision (an unreadable tree, a missing object): the series goes on. */
  diagnostics: Diagnostic[];
}

/** A change of one gate between two consecutive points of a series. */
export interface HistoryEvent {
  type: 'added' | 'removed' | 'class-changed';
  /** Feature name, or flag as `-Zname`. */
  name: string;
  kind: 'feature' | 'flag';
  /** The point where the change is first seen (its `rev`). */
  rev: string;
  /** The point before it, null for a gate present at the first point (never, for `added`). */
  previousRev: string | null;
  /** For `class-changed`: the class before and after. */
  from?: GateClass;
  to?: GateClass;
}

/** How the gates moved from release to release. */
export interface HistoryDocument {
  schema: typeof HISTORY_SCHEMA;
  /** The repository the series was read from; null for the bundled scans. */
  repository: string | null;
  /** The registry the gates were judged with (toolchain name and version), null for the bundled registry. */
  registry: { name: string; version: string } | null;
  /** Oldest first. */
  series: HistoryPoint[];
  events: HistoryEvent[];
  diagnostics: Diagnostic[];
  generator: { name: 'gatewatch'; version: string; generatedAt: string };
}

/** One gate that differs between two trees, with where it is used. */
export interface DiffEntry {
  /** Feature name, or flag as `-Zname`. */
  name: string;
  kind: 'feature' | 'flag';
  /** Class in the old and the new tree, when the gate exists there. */
  classBefore: GateClass | null;
  classAfter: GateClass | null;
  /** Uses in the old tree (removed, moved) and in the new one (added, moved). */
  before: GateOccurrence[];
  after: GateOccurrence[];
}

/** What changed between two trees, revisions or scan documents. */
export interface DiffDocument {
  schema: typeof DIFF_SCHEMA;
  old: { label: string; kernelVersion: string | null; rustMinVersion: string | null };
  new: { label: string; kernelVersion: string | null; rustMinVersion: string | null };
  /** Gates the new tree uses and the old one did not. */
  added: DiffEntry[];
  /** Gates the old tree used and the new one does not. */
  removed: DiffEntry[];
  /** The same gate in both, at other files or lines. */
  moved: DiffEntry[];
  /** Gates in both whose class changed (e.g. a new minimum rustc made one removable). */
  classChanged: DiffEntry[];
  diagnostics: Diagnostic[];
}
