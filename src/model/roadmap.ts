import type { Diagnostic } from './diagnostic.js';

/** Schema id of a roadmap document; bump the number on an incompatible change, add fields freely. */
export const ROADMAP_SCHEMA = 'gatewatch/roadmap@1' as const;

/** Categories of the Rust-for-Linux wanted lists, in the order the lists use. */
export const WANTED_CATEGORIES = ['required', 'nice-to-have', 'discussion-needed', 'low-priority', 'done'] as const;
/** One wanted-list category. */
export type WantedCategory = (typeof WANTED_CATEGORIES)[number];

/** Labels the wanted lists use for their categories. */
export const CATEGORY_LABELS: Record<WantedCategory, string> = {
  required: 'Required',
  'nice-to-have': 'Nice to have',
  'discussion-needed': 'Discussion needed',
  'low-priority': 'Low priority',
  done: 'Done',
};

/** Where a fact was written: input file (as given) and 1-based line. */
export interface Place {
  file: string;
  line: number;
}

/** What a link points at. */
export type LinkKind = 'issue' | 'pr' | 'rfc' | 'goal' | 'zulip' | 'lore' | 'internals' | 'url';

/** A reference from a roadmap entry: a rust-lang issue, a PR with the release it landed in, an RFC, a chat thread. */
export interface Link {
  kind: LinkKind;
  /** The link as a URL (GitHub references are expanded). */
  url: string;
  /** `owner/name` for GitHub issues and PRs. */
  repo?: string;
  number?: number;
  /** Release a PR landed in, e.g. `1.88`; `?` when the list says it is not known yet. */
  release?: string;
  /** What the link is, when the source says (`tracking issue`, `stabilization PR`). */
  label?: string;
}

/** A feature gate or `-Z` flag an entry is about. */
export interface GateRef {
  /** Feature name (`arbitrary_self_types`) or flag with its `-Z` (`-Zbranch-protection`). */
  name: string;
  kind: 'feature' | 'flag';
  /** `field`: written in a gates field; `text`: found in the text (`feature(x)`, a backticked name, `-Zfoo`). */
  from: 'field' | 'text';
  /** A flag's value when it selects a distinct feature (`kcfi` of `-Zsanitizer=kcfi`); absent covers every value. */
  value?: string;
  /** The tool a flag is given to when it is not rustc's (`rustdoc --output-format=doctest`, `cargo -Zbuild-std`). */
  tool?: 'rustdoc' | 'cargo';
  /** A name the entry asks for that rustc may not have yet (`asm_const_ptr`): unknown to the registry is expected. */
  proposed?: boolean;
  /** Where the name was written, when more precise than its entry. */
  place?: Place;
}

/** A row of a goal's sub-goal table ("How we get there" / work items). */
export interface SubGoal {
  title: string;
  timespan: string | null;
  whatAndWhy: string | null;
  place?: Place;
}

/** A team ask: which team, how much support, notes. */
export interface TeamAsk {
  team: string;
  level: string | null;
  notes: string | null;
}

/** A team champion of a goal. */
export interface Champion {
  team: string;
  people: string[];
}

/** A roadmap (a theme of the project goals) with its own metadata. */
export interface RoadmapInfo {
  title: string;
  shortTitle: string | null;
  whatAndWhy: string | null;
  pointOfContact: string | null;
  taskOwners: string[];
  /** Where the roadmap is published. */
  url: string | null;
  place?: Place;
}

/** A project goal. */
export interface Goal {
  /** Stable id: a slug of the title unless given. */
  id: string;
  title: string;
  shortTitle: string | null;
  whatAndWhy: string | null;
  pointOfContact: string | null;
  taskOwners: string[];
  /** Written status (`Accepted`, `Proposed`, ...), null when the source gives none. */
  status: string | null;
  /** `2026`, `2026-2028`, `2024h2`. */
  timespan: string | null;
  trackingIssue: Link | null;
  /** Roadmaps the goal belongs to. */
  roadmaps: string[];
  champions: Champion[];
  subGoals: SubGoal[];
  teamAsks: TeamAsk[];
  /** Our own one-line summary. */
  summary: string | null;
  links: Link[];
  gates: GateRef[];
  /** Backticked names in the entry's text; linked as gates when the registry knows them. */
  mentions?: string[];
  place?: Place;
}

/** An item of a Rust-for-Linux wanted-features list. */
export interface WantedItem {
  id: string;
  title: string;
  category: WantedCategory;
  kind: 'feature' | 'bug';
  /** Written status notes, newest last. */
  status: string[];
  summary: string | null;
  links: Link[];
  /** Kernel paths or types that use (or would use) it. */
  usedBy: string[];
  /** People to copy (`@name`). */
  cc: string[];
  gates: GateRef[];
  /** Backticked names in the entry's text; linked as gates when the registry knows them. */
  mentions?: string[];
  place?: Place;
}

/** A topic the roadmap ranks without a goal ("Other topics"). */
export interface OtherTopic {
  /** 1 = highest priority, within its roadmap. */
  rank: number;
  /** Title of the roadmap that ranks it; null when the file has one list only. */
  roadmap?: string | null;
  title: string;
  notes: string[];
  gates: GateRef[];
  /** Backticked names in the entry's text; linked as gates when the registry knows them. */
  mentions?: string[];
  place?: Place;
}

/** The roadmap as data: what `gatewatch roadmap` builds from its inputs, before linking. */
export interface RoadmapDocument {
  schema: typeof ROADMAP_SCHEMA;
  /** Input files, as given. */
  inputs: string[];
  roadmaps: RoadmapInfo[];
  goals: Goal[];
  wanted: WantedItem[];
  otherTopics: OtherTopic[];
  diagnostics: Diagnostic[];
}

/** What the registry and the kernel say about one gate. */
export interface GateStatus {
  name: string;
  kind: 'feature' | 'flag';
  /** Registry status, `unknown` when no registry entry has the name. */
  registry: 'unstable' | 'incomplete' | 'internal' | 'stable' | 'removed' | 'unknown';
  /** Release that stabilised or removed it. */
  since: string | null;
  /** Places in the kernel scan that still enable it (`file:line`), empty without a scan. */
  kernelUses: string[];
  /** Copied from the gate: a requested name, not expected in the registry yet. */
  proposed?: boolean;
  /** Stable replacement of a flag (`-Cjump-tables=n`), from the registry. */
  replacement?: string;
  /** Release in which the replacement became stable. */
  replacementSince?: string;
}

/** Computed status of an entry, from its gates. */
type ComputedState = 'stable' | 'partly-stable' | 'unstable' | 'removed' | 'unknown' | 'no-gates';

/** Computed status shown beside the written one. */
export interface ComputedStatus {
  state: ComputedState;
  /** Latest release among the gates' stabilisations, when all are stable. */
  stableSince: string | null;
  /** Gates the kernel scan still enables. */
  stillEnabledByKernel: string[];
  gates: GateStatus[];
}

/** What every linked entry adds: its category, written status and computed status beside each other. */
export interface Linked {
  /** Wanted category, `goal` or `other-topic`. */
  category: WantedCategory | 'goal' | 'other-topic';
  written: { status: string | null; notes: string[] };
  computed: ComputedStatus;
}

/** Coverage of the kernel's gates by the roadmap. */
interface RoadmapCoverage {
  /** Gates the kernel scan enables that no roadmap entry names. */
  uncoveredKernelGates: string[];
  /** Ids of entries whose gates are all stable already. */
  entriesAllStable: string[];
}

/** The linked roadmap: the document with computed statuses, findings and coverage. */
export interface LinkedRoadmap {
  schema: typeof ROADMAP_SCHEMA;
  inputs: string[];
  /** What the computed statuses were computed against. */
  against: { registry: string | null; scan: string | null };
  roadmaps: RoadmapInfo[];
  goals: (Goal & Linked)[];
  wanted: (WantedItem & Linked)[];
  otherTopics: (OtherTopic & Linked)[];
  coverage: RoadmapCoverage;
  /** Conflicts between written and computed status, and unknown gates. */
  findings: Diagnostic[];
  /** Problems reading the inputs. */
  diagnostics: Diagnostic[];
}

/** Schema id of what `gatewatch roadmap check --json` prints. */
export const ROADMAP_CHECK_SCHEMA = 'gatewatch/roadmap-check@1' as const;

/** What `roadmap check` found: every problem of the inputs and every conflict, and whether the check passes. */
export interface RoadmapCheck {
  schema: typeof ROADMAP_CHECK_SCHEMA;
  inputs: string[];
  against: { registry: string | null; scan: string | null };
  /** Diagnostics of the inputs and findings of the computation, by file and line. */
  problems: Diagnostic[];
  errors: number;
  warnings: number;
  /** Whether conflicts between written and computed status fail the check (`--fail-on-conflicts`). */
  failOnConflicts: boolean;
  /** False when a problem is an error, or a conflict with `failOnConflicts`. */
  passed: boolean;
}
