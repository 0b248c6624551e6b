/**
 * The class of every gate: `removable` now, `removable-at` a later minimum, `blocker`, or `error`. Pure: reads
 * the scan's occurrences and a registry index, nothing else.
 */
import { compareRustVersions, normaliseRustVersion } from '../core/rust-version.js';
import { describeStatus, type RegistryEntry } from '../model/registry.js';
import type { Gate, GateClass, GateOccurrence } from '../model/report.js';
import type { Occurrence } from '../model/scan.js';
import { kernelArchOf, rustArchesOf } from '../model/arch.js';
import { isValueGate } from '../model/flag-values.js';
import { computeEditionVerdict } from './editions.js';
import { computeOccurrenceArches, computeRustcWindow, isActiveAt, isLiveAtMinimum, type RustcWindow } from './guards.js';
import { normaliseFlagName, type RegistryIndex } from './registry-index.js';

/** What a classification is judged against. */
export interface ClassifyOptions {
  /** The minimum rustc the tree is judged at (`--rustc`, else the tree's); null keeps every stable gate removable. */
  minimum: string | null;
  /** The toolchain the registry describes: a gate unknown to or removed from it is an error there. */
  toolchain: { name: string; version: string } | null;
  /** `CONFIG_RUSTC_HAS_X` -> version, so `cfg(CONFIG_RUSTC_HAS_X)` gates are judged as version guards. */
  versionSymbols: ReadonlyMap<string, string>;
  /** Crate -> edition (src/analyses/editions.ts), so a gate stable only in some editions is judged per crate. */
  editions?: ReadonlyMap<string, string>;
  /**
   * Kernel architecture of the host whose compiler answered for the registry; null when unknown, so that any
   * name unknown to it and used only for some architectures is `unknown`.
   */
  host?: string | null;
  /** The toolchain the tree pins, when the registry is older than it: names the registry lacks may be newer. */
  newerPin?: string | null;
}

const CLASS_ORDER: Record<GateClass, number> = { error: 0, unknown: 1, blocker: 2, 'removable-at': 3, removable: 4 };

/** Key under which uses of one gate are grouped: flags by their normalised name. */
export function gateKey(o: { kind: 'feature' | 'flag'; name: string; tool?: string }): string {
  if (o.kind === 'feature') return `feature:${o.name}`;
  return o.tool === 'cargo' ? `flag:cargo:${normaliseFlagName(o.name)}` : `flag:${normaliseFlagName(o.name)}`;
}

/** The value that makes a use its own gate, when its flag is one of `VALUE_GATES`. */
function gateValueOf(o: { kind: 'feature' | 'flag'; name: string; value?: string | null; tool?: string }): string | null {
  if (o.kind !== 'flag' || o.tool === 'cargo' || !o.value || !isValueGate(o.name)) return null;
  return o.value;
}

/** Key of one gate of a report: `gateKey`, and a flag's value when the value selects a distinct feature. */
function gateId(g: { kind: 'feature' | 'flag'; name: string; value?: string | null; tool?: string }): string {
  const value = g.kind === 'flag' && g.value && isValueGate(g.name) ? g.value : null;
  return value === null ? gateKey(g) : `${gateKey(g)}=${value}`;
}

/** Cargo's `-Z` flags are not rustc's: every one needs a nightly cargo, and the registry describes rustc only. */
const CARGO_FLAG = { class: 'blocker' as const, since: null, reason: 'unstable cargo flag (cargo takes -Z flags only on nightly; the registry covers rustc)' };

const issueText = (n: number | null) => (n === null ? 'no tracking issue' : `tracking #${n}`);

/** Release of a flag's stable replacement, from the registry's provenance (curated from the release notes). */
function replacementRelease(entry: RegistryEntry): string | null {
  const fact = entry.sources.find((p) => p.fact === 'since' && typeof p.value === 'string');
  return typeof fact?.value === 'string' ? fact.value : null;
}

/** The registry kind, unless the entry says its kind is unknown (names only a compiler probe answered). */
const kindOf = (entry: RegistryEntry) => (entry.sources.some((p) => p.fact === 'kind' && p.value === null) ? null : entry.kind);

/** Class of a gate from its registry entry alone. */
function classOfEntry(
  entry: RegistryEntry | undefined,
  kind: 'feature' | 'flag',
  options: ClassifyOptions,
): { class: GateClass; since: string | null; reason: string } {
  const where = options.toolchain ? `rustc ${options.toolchain.version}` : 'the registry';
  if (!entry) return { class: 'error', since: null, reason: `unknown to ${where}: the build breaks there` };
  if (entry.status === 'removed' && entry.replacement) {
    // The -Z form is gone: the build breaks on compilers that no longer take it, and the replacement is the way out.
    return { class: 'error', since: entry.since, reason: describeStatus(entry) };
  }
  if (entry.status === 'removed') {
    const when = entry.since ? ` in ${entry.since}` : '';
    return { class: 'error', since: entry.since, reason: `removed${when}${entry.reason ? `: ${entry.reason}` : ''}${entry.renamedTo ? ` (now ${entry.renamedTo})` : ''}` };
  }
  const stableAt = (since: string | null, what: string) => {
    // A stable gate whose release nobody recorded cannot be called removable now: it waits for a release.
    if (since === null) return { class: 'removable-at' as const, since, reason: `${what}, release unknown to the registry` };
    if (options.minimum === null || compareRustVersions(since, options.minimum) <= 0) return { class: 'removable' as const, since, reason: `${what} since ${since}` };
    return { class: 'removable-at' as const, since, reason: `${what} since ${since}` };
  };
  if (entry.status === 'stable') return stableAt(entry.since, kind === 'flag' && entry.replacement ? `stable as ${entry.replacement}` : 'stable');
  if (kind === 'flag' && entry.replacement) {
    // The -Z flag itself stays unstable; the release of its stable replacement is kept in the provenance.
    const since = entry.replacementSince ?? entry.since ?? replacementRelease(entry);
    if (since) return stableAt(since, `stable replacement ${entry.replacement}`);
    return { class: 'blocker', since: null, reason: `unstable; replacement ${entry.replacement}, release unknown` };
  }
  const what = entry.status === 'unstable' ? 'unstable' : `${entry.status} (unstable)`;
  return { class: 'blocker', since: null, reason: `${what}, ${issueText(entry.trackingIssue)}` };
}

const toGateOccurrence = (o: Occurrence): GateOccurrence => ({
  file: o.file,
  line: o.line,
  column: o.column,
  crate: o.crate,
  arch: o.arch === null ? null : (kernelArchOf(o.arch) ?? o.arch),
  condition: o.condition,
  via: o.via,
  value: o.value,
  ...(o.tool ? { tool: o.tool } : {}),
});

/**
 * Why a name the registry lacks cannot be called an error here: every use is for architectures other than the
 * host's (a target-only library feature such as `riscv_ext_intrinsics`), or the tree pins a newer toolchain than
 * the registry's. Null when neither holds: the name is unknown to the compiler that would build it.
 */
function undecidedHere(arches: readonly string[] | null, options: ClassifyOptions): { class: 'unknown'; since: null; reason: string } | null {
  const where = options.toolchain ? `rustc ${options.toolchain.version}` : 'the registry';
  if (arches !== null && (options.host == null || !arches.includes(options.host))) {
    const targets = arches.flatMap((a) => rustArchesOf(a).slice(0, 1)).join(', ') || arches.join(', ');
    const host = options.host ? ` on ${rustArchesOf(options.host)[0] ?? options.host}` : '';
    return { class: 'unknown', since: null, reason: `unknown to ${where}${host}, used only for ${targets}: a compiler for that target decides` };
  }
  if (options.newerPin) {
    return { class: 'unknown', since: null, reason: `unknown to ${where}, older than the pinned ${options.newerPin}: a newer registry or --toolchain ${options.newerPin} decides` };
  }
  return null;
}

/** Kernel architectures that build any of these uses; null when one of them is built everywhere. */
function computeGateArches(uses: readonly Occurrence[]): string[] | null {
  const all = new Set<string>();
  for (const o of uses) {
    const arches = computeOccurrenceArches(o);
    if (arches === null) return null;
    for (const a of arches) all.add(a);
  }
  return [...all].sort();
}

/** Classify every gate the occurrences use (already filtered by configuration and architecture). */
export function computeGates(occurrences: readonly Occurrence[], index: RegistryIndex, options: ClassifyOptions): Gate[] {
  const groups = new Map<string, { o: Occurrence; w: RustcWindow }[]>();
  for (const o of occurrences) {
    const w = computeRustcWindow(o, options.versionSymbols);
    if (!isLiveAtMinimum(w, options.minimum)) continue;
    const k = gateId({ ...o, value: gateValueOf(o) });
    const list = groups.get(k);
    if (list) list.push({ o, w });
    else groups.set(k, [{ o, w }]);
  }
  const gates: Gate[] = [];
  for (const uses of groups.values()) {
    const first = uses[0]!.o;
    const cargo = first.kind === 'flag' && first.tool === 'cargo';
    const entry = cargo ? undefined : index.get(first.name, first.kind);
    const arches = computeGateArches(uses.map((u) => u.o));
    let verdict = cargo ? CARGO_FLAG : (computeEditionVerdict(entry, uses.map((u) => u.o), options.editions) ?? classOfEntry(entry, first.kind, options));
    if (!cargo && entry === undefined) verdict = undecidedHere(arches, options) ?? verdict;
    // Uses confined to older compilers (`$(if $(call rustc-min-version,N),,-Zx)`, `not(CONFIG_RUSTC_HAS_X)`)
    // go when the minimum reaches the newest of their upper bounds, whatever the gate's status.
    const bounds = uses.map((u) => u.w.until);
    if (bounds.every((b): b is string => b !== null)) {
      const until = normaliseRustVersion(bounds.reduce((a, b) => (compareRustVersions(a, b) >= 0 ? a : b)));
      const breaksHere = verdict.class === 'error' && options.toolchain !== null && uses.some((u) => isActiveAt(u.w, options.toolchain!.version));
      const later = verdict.class === 'removable' ? false : verdict.class !== 'removable-at' || compareRustVersions(verdict.since!, until) > 0;
      if (later && !breaksHere) {
        verdict = { class: 'removable-at', since: until, reason: `used only with rustc < ${until}; ${verdict.reason}` };
      }
    }
    const gate: Gate = {
      name: first.kind === 'flag' && entry ? entry.name : first.name,
      kind: first.kind,
      class: verdict.class,
      since: verdict.since,
      trackingIssue: entry?.trackingIssue ?? null,
      status: entry?.status ?? (cargo ? 'unstable' : 'unknown'),
      registryKind: entry ? kindOf(entry) : null,
      reason: verdict.reason,
      occurrences: uses.map((u) => toGateOccurrence(u.o)),
    };
    const value = gateValueOf(first);
    if (value !== null) {
      gate.value = value;
      gate.gate = `${gate.name}=${value}`;
    }
    if (entry?.replacement) gate.replacement = entry.replacement;
    if (arches) gate.arches = arches;
    gates.push(gate);
  }
  return gates.sort(
    (a, b) =>
      CLASS_ORDER[a.class] - CLASS_ORDER[b.class] ||
      compareRustVersions(a.since ?? '999.0.0', b.since ?? '999.0.0') ||
      a.kind.localeCompare(b.kind) ||
      (a.gate ?? a.name).localeCompare(b.gate ?? b.name),
  );
}
