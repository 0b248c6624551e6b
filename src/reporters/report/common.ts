import { normaliseFlagName } from '../../analyses/registry-index.js';
import type { Gate, GateClass, ReportDocument, TreeFoundFrom } from '../../model/report.js';
import type { ReporterOptions, ReporterResult } from '../types.js';

/** Parts of a report a reader can ask for alone (`--only audit`): the four classes, planner, done, audit, diagnostics. */
export const REPORT_SECTIONS = ['errors', 'unknown', 'blockers', 'removable-later', 'removable', 'planner', 'done', 'audit', 'diagnostics'] as const;

/** One section name of `REPORT_SECTIONS`. */
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** Options of the report reporters: the common ones, and which sections to print (all when absent). */
export interface ReportRenderOptions extends ReporterOptions {
  /** Set when no tree was named and the one around the current directory is reported: the header says so. */
  foundFrom?: TreeFoundFrom | undefined;
  only?: readonly ReportSection[];
  /** `--source-url`: a template linking each occurrence to its line (Markdown); plain `file:line` when absent. */
  sourceUrl?: string;
}

/** A report reporter: pure, from the report document and options to text and an exit code. */
export type ReportReporter = (data: ReportDocument, options: ReportRenderOptions) => ReporterResult;

/** Whether a section is printed under these options. */
export const wants = (o: ReportRenderOptions, s: ReportSection) => o.only === undefined || o.only.includes(s);

/** The section of each class. */
export const CLASS_SECTION: Record<GateClass, ReportSection> = { error: 'errors', unknown: 'unknown', blocker: 'blockers', 'removable-at': 'removable-later', removable: 'removable' };

/** Link to a rust-lang/rust tracking issue. */
export const trackingUrl = (n: number) => `https://github.com/rust-lang/rust/issues/${n}`;

/** `file:line` of the first use, plus how many more. */
export function whereText(g: Gate): string {
  const o = g.occurrences[0];
  if (!o) return '';
  const more = g.occurrences.length - 1;
  return `${o.file}:${o.line}${more > 0 ? ` (+${more} more)` : ''}`;
}

/** Headings of the classes, in the order reporters list them. */
export const CLASS_TITLES: [GateClass, string][] = [
  ['error', 'Errors: the build breaks with the chosen toolchain'],
  ['unknown', 'Unknown: cannot be decided with this registry on this host'],
  ['blocker', 'Blockers: still unstable'],
  ['removable-at', 'Removable when the minimum rustc reaches a later release'],
  ['removable', 'Removable now'],
];

/** Heading of a class; "Removable now" becomes "Removable at minimum 1.85.0" when judged at another minimum. */
export function classTitle(cls: GateClass, title: string, r: ReportDocument): string {
  return cls === 'removable' && r.judgedAgainst && r.judgedAgainst !== r.rustMinVersion ? `Removable at minimum rustc ${r.judgedAgainst}` : title;
}

/** One line saying what was judged against what. */
export function subjectLine(r: ReportDocument): string {
  const parts: string[] = [];
  if (r.kernelVersion) parts.push(`kernel ${r.kernelVersion}`);
  const pin = r.pinnedToolchain ?? null;
  const fromScript = pin?.source === 'min-tool-version' && pin.name === r.rustMinVersion;
  parts.push(r.rustMinVersion ? `minimum rustc ${r.rustMinVersion}${fromScript ? ' (scripts/min-tool-version.sh)' : ''}` : 'no minimum rustc found');
  if (pin?.source === 'rust-toolchain') parts.push(`pins ${pin.name} (rust-toolchain)`);
  if (r.judgedAgainst && r.judgedAgainst !== r.rustMinVersion) parts.push(`judged as if the minimum were ${r.judgedAgainst}`);
  const registry = r.toolchain ? `registry of ${r.toolchain.name} ${r.toolchain.version}${r.toolchain.date ? ` (${r.toolchain.date})` : ''}` : 'bundled registry';
  parts.push(pin?.newerThanRegistry ? `${registry}, older than the pinned ${pin.name}` : registry);
  if (r.filters.arch) parts.push(`arch ${r.filters.arch}`);
  if (r.filters.config) parts.push(`config ${r.filters.config}`);
  return parts.join(', ');
}

/** Counts per class, e.g. `1 error, 5 blockers, 2 removable later, 3 removable now`. */
export function classCounts(r: ReportDocument): string {
  const n = (c: GateClass) => r.gates.filter((g) => g.class === c).length;
  const plural = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return [
    plural(n('error'), 'error', 'errors'),
    ...(n('unknown') > 0 ? [`${n('unknown')} unknown`] : []),
    plural(n('blocker'), 'blocker', 'blockers'),
    `${n('removable-at')} removable later`,
    `${n('removable')} removable now`,
  ].join(', ');
}

/**
 * The done ratio in words: `done 13.3% (4 of the 30 gates needed at minimum 1.78.0 need no unstable compiler at
 * 1.93.0)`.
 */
export function doneText(r: ReportDocument): string {
  const base = r.rustMinVersion ?? r.judgedAgainst;
  const at = r.judgedAgainst;
  const needed = base ? `the ${r.done.total} gates needed at minimum rustc ${base}` : `the ${r.done.total} gates needed`;
  return `done ${percent(r.done.ratio)} (${r.done.total - r.done.remaining} of ${needed} need no unstable compiler${at ? ` at ${at}` : ''})`;
}

/** A planner row's release, marked when it is newer than the newest the registry knows. */
export const plannerVersion = (p: { version: string; beyondRegistry?: boolean }) => (p.beyondRegistry ? `${p.version} (newer than the registry)` : p.version);

/** The gate as one word: `-Zsanitizer=kcfi` for a gate per value, else its name. */
export const gateLabel = (g: Gate) => (g.kind === 'flag' ? `${normaliseFlagName(g.name)}${g.value !== undefined ? `=${g.value}` : ''}` : (g.gate ?? g.name));

/** The roadmap items beside a gate, short: `goal stabilize-rust-for-linux-compiler-features (Accepted)`, `+1 more`. */
export function roadmapText(g: Gate): string {
  const items = g.roadmap ?? [];
  if (items.length === 0) return '';
  const first = items[0]!;
  const more = items.length > 1 ? ` +${items.length - 1} more` : '';
  return `${first.category} ${first.id}${first.writtenStatus && first.writtenStatus.toLowerCase() !== first.category ? ` (${first.writtenStatus})` : ''}${more}`;
}

/** `62.5%` */
export const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

/** `report of the tree at linux (the current directory)`, when the tree was found rather than named. */
export function foundLine(r: ReportDocument, o: ReportRenderOptions): string | null {
  if (o.foundFrom === undefined) return null;
  return `report of the tree at ${r.tree} (${o.foundFrom === 'current-directory' ? 'the current directory' : 'which holds the current directory'})`;
}
