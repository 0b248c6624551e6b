import type { Diagnostic } from './diagnostic.js';
import type { FeatureKind, FeatureStatus } from './registry.js';
import type { WantedCategory } from './roadmap.js';
import type { Occurrence } from './scan.js';

/** Schema id of a readiness report document. */
export const REPORT_SCHEMA = 'gatewatch/report@1' as const;

/**
 * What a gate means for a stable build: `removable` now, `removable-at` a later minimum rustc, a `blocker`
 * (still unstable), an `error` (unknown to or removed from the chosen toolchain: the build breaks there), or
 * `unknown`: what cannot be decided here (a library feature only another target's compiler knows, a name newer
 * than the registry); its reason says what would decide it.
 */
export type GateClass = 'removable' | 'removable-at' | 'blocker' | 'error' | 'unknown';

/** A roadmap item that covers a gate: a project goal, a wanted-list item or an other topic. */
export interface GateRoadmapItem {
  /** The item's id in the roadmap document (`roadmap --json`). */
  id: string;
  title: string;
  /** `goal`, a wanted-list category (`required`, `nice-to-have`, ...), or `other-topic`. */
  category: WantedCategory | 'goal' | 'other-topic';
  /** The status the roadmap writes (a goal's `Accepted`, a wanted item's latest note, a topic's rank); null when none. */
  writtenStatus: string | null;
  /** Where the roadmap writes the item. */
  file?: string;
  line?: number;
}

/** One place a gate is used, as the scan found it: the scan's occurrence without the name it is grouped by. */
export type GateOccurrence = Pick<Occurrence, 'file' | 'line' | 'column' | 'crate' | 'arch' | 'condition' | 'via' | 'value' | 'tool'>;

/** One feature or flag name used by the tree, with its class. */
export interface Gate {
  name: string;
  kind: 'feature' | 'flag';
  class: GateClass;
  /** Release the gate can go at (`removable`, `removable-at`), or the release that removed it (`error`). */
  since: string | null;
  trackingIssue: number | null;
  /** Status in the chosen registry; `unknown` when the registry does not know the name. */
  status: FeatureStatus | 'unknown';
  /** `lang`, `lib` or `flag` from the registry, when known. */
  registryKind: FeatureKind | null;
  /** One line saying why the gate has its class: "stable since 1.79.0", "incomplete feature, tracking #44874". */
  reason: string;
  /**
   * The value of a flag whose value selects a distinct feature (`kcfi` of `-Zsanitizer=kcfi`): each value is its
   * own gate, with its own road to stable. `name` stays the flag as written.
   */
  value?: string;
  /** The gate as one word, `-Zsanitizer=kcfi`, when `value` is set. */
  gate?: string;
  /** Stable replacement of a flag, e.g. `-Cjump-tables=n`. */
  replacement?: string;
  /** Roadmap items that name the gate (the bundled roadmap unless `--roadmap`); absent when none does. */
  roadmap?: GateRoadmapItem[];
  /** Kernel architectures (src/model/arch.ts) that build the gate; absent when every architecture does. */
  arches?: string[];
  occurrences: GateOccurrence[];
}

/** One row of the planner: the gates left if `version` were the minimum rustc. */
export interface PlannerRow {
  version: string;
  remaining: number;
  /** Gates that can go at this release and not at the one before. */
  drops: string[];
  /** True for a release newer than the newest the registry knows (a gate is known to drop there). */
  beyondRegistry?: boolean;
}

/**
 * The done ratio, for all architectures or one: of the gates the tree needs at its own minimum rustc and
 * configuration, the share that needs no unstable compiler at the chosen minimum (`--rustc`, else the tree's).
 * It never falls as the chosen minimum rises.
 */
export interface DoneCounts {
  /** Distinct gates the tree needs at its own minimum rustc and configuration. */
  total: number;
  /** Of those, the gates that still need an unstable compiler at the chosen minimum. */
  remaining: number;
  /** `(total - remaining) / total`, 1 when the tree needs no gate. */
  ratio: number;
}

/** The done ratio overall and per architecture. */
export interface DoneRatio extends DoneCounts {
  perArch: Record<string, DoneCounts>;
}

/** One claim the tree makes about its gates, checked against the registry. */
export interface AuditFinding {
  /** `wrong`: the registry contradicts it; `ok`: it agrees; `unverifiable`: the registry cannot tell. */
  verdict: 'ok' | 'wrong' | 'unverifiable';
  claimKind: 'comment-group' | 'kconfig';
  /** What the claim says, normalised: `stable since 1.79.0`, `needs rustc >= 1.84.0`. */
  claimed: string;
  /** What the registry says instead (or agrees with). */
  fact: string;
  /** The gate the finding is about, when the claim names gates. */
  gate: string | null;
  /** The claim as written. */
  text: string;
  file: string;
  line: number;
  symbol?: string;
}

/** The readiness report document: what blocks a stable build, what can go and when. */
export interface ReportDocument {
  schema: typeof REPORT_SCHEMA;
  /** The tree as the scan recorded it. */
  tree: string;
  kernelVersion: string | null;
  /** Toolchain whose registry judged the gates; null for the bundled registry without a toolchain. */
  toolchain: { name: string; version: string; date?: string } | null;
  /** The tree's own minimum rustc. */
  rustMinVersion: string | null;
  /**
   * The toolchain the tree pins: its rust-toolchain file's channel (`nightly-2026-07-21`), or a kernel's minimum
   * rustc (scripts/min-tool-version.sh); null when it pins none. `newerThanRegistry` when the registry the gates
   * are judged against is older than the pin (absent when that cannot be told).
   */
  pinnedToolchain?: { name: string; source: 'rust-toolchain' | 'min-tool-version'; newerThanRegistry?: boolean } | null;
  /** The minimum the gates were judged against: `--rustc`, else the tree's minimum. */
  judgedAgainst: string | null;
  /** The roadmap files the gates are joined with (`gate.roadmap`); absent when none was. */
  roadmapInputs?: string[];
  /** `--arch` / `--config` filters in force. */
  filters: { arch: string | null; config: string | null };
  gates: Gate[];
  planner: PlannerRow[];
  done: DoneRatio;
  audit: AuditFinding[];
  diagnostics: Diagnostic[];
}

/** Schema id of a `gatewatch check` baseline. */
export const BASELINE_SCHEMA = 'gatewatch/baseline@1' as const;

/** One gate the baseline allows, with where it was used when the baseline was written. */
export interface BaselineGate {
  kind: 'feature' | 'flag';
  name: string;
  /** `cargo` for cargo's own -Z flags, which are other gates than rustc's of the same name. */
  tool?: 'cargo';
  /** `file:line` of each use, for the reader; the ratchet compares gates, not places. */
  locations: string[];
}

/** The gates a tree is allowed to use: `check` fails when a gate appears that this list lacks. */
export interface Baseline {
  schema: typeof BASELINE_SCHEMA;
  tree: string;
  /** The kind of tree the baseline was written from; `check` refuses a tree of another kind (absent in older baselines). */
  treeKind?: 'kernel' | 'cargo' | 'rust';
  gates: BaselineGate[];
}

/** What `check` found: gates the baseline lacks (a failure) and gates that disappeared (tighten the baseline). */
export interface BaselineDiff {
  schema: 'gatewatch/check@1';
  tree: string;
  baseline: string;
  /** `unknown`: the registry does not know the name (a typo, or a gate newer than the registry). */
  added: { kind: 'feature' | 'flag'; name: string; unknown?: true; occurrences: GateOccurrence[] }[];
  removed: BaselineGate[];
  unchanged: number;
  /** The scan's diagnostics, so a malformed file shows in CI beside the gates (absent in documents of older versions). */
  diagnostics?: Diagnostic[];
}

/** Where `report` with no tree named found one: the current directory itself, or a directory holding it. */
export type TreeFoundFrom = 'current-directory' | 'ancestor';
