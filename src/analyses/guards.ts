/**
 * Which occurrences a kernel configuration and architecture turn on, and at which rustc versions an occurrence
 * is active. Guards come structured from the scan (src/model/guard.ts); guards nobody can decide here (`cfg`
 * predicates, uninterpreted make conditionals) are kept as "may hold".
 */
import { compareRustVersions } from '../core/rust-version.js';
import { ARCHES, kernelArchOf } from '../model/arch.js';
import type { Guard } from '../model/guard.js';
import { computeCfgPredicate, type Tristate } from './cfg-predicate.js';
import type { Claim, CrateCfg, Occurrence } from '../model/scan.js';

/** Kernel configuration values by symbol (`CONFIG_X86_64` -> `y`); symbols that are not set are absent. */
export type ConfigValues = Readonly<Record<string, string>>;

/** What selects occurrences: a configuration, an architecture, and the Kconfig symbols that stand for a rustc version. */
export interface Selection {
  config: ConfigValues | null;
  /** A kernel architecture name (src/model/arch.ts maps Rust's names to these). */
  arch: string | null;
  /** `CONFIG_RUSTC_HAS_X` -> `1.84.0` for symbols defined as `RUSTC_VERSION >= 108400`. */
  versionSymbols: ReadonlyMap<string, string>;
  /** The `--cfg`s the tree's make rules pass to crates (the scan's `crateCfgs`); used with a configuration. */
  crateCfgs?: readonly CrateCfg[];
}

/** A crate's object file: the target the kernel build makes (not `rustdoc-x` or `rusttest-x`). */
const isObjectTarget = (target: string) => target.trim().split(/\s+/)[0]!.endsWith('.o');

/** Rustc versions an occurrence is active at: `from` inclusive, `until` exclusive; null for unbounded. */
export interface RustcWindow {
  from: string | null;
  until: string | null;
}

const withPrefix = (s: string) => (s.startsWith('CONFIG_') ? s : `CONFIG_${s}`);

/** Kconfig symbols the tree defines as "rustc at least this version", from its Kconfig claims. */
export function computeVersionSymbols(claims: readonly Claim[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of claims) {
    if (c.kind === 'kconfig' && c.claim === 'rustc-version-at-least' && c.symbol && c.version) out.set(withPrefix(c.symbol), c.version);
  }
  return out;
}

/** A config guard as a version guard, when its symbol stands for a rustc version. */
function asVersionGuard(g: Guard, versionSymbols: ReadonlyMap<string, string>): { op: '>=' | '<'; version: string } | null {
  if (g.type === 'rustc-version') return { op: g.op, version: g.version };
  if (g.type === 'config' && g.value === undefined) {
    const v = versionSymbols.get(withPrefix(g.symbol));
    if (v) return { op: g.negated ? '<' : '>=', version: v };
  }
  return null;
}

/** Whether one non-version guard holds under the selection; true when the selection cannot tell. */
function guardHolds(g: Guard, sel: Selection, crate: string | null): boolean {
  if (g.type === 'config') {
    if (!sel.config) return true;
    const cur = sel.config[withPrefix(g.symbol)];
    // In make, a symbol that is not set (absent, or `# CONFIG_X is not set`) expands to the empty string.
    const expanded = cur === undefined || cur === 'n' ? '' : cur;
    const on = g.value !== undefined ? expanded === g.value : expanded !== '';
    return on !== g.negated;
  }
  if (g.type === 'arch') return sel.arch === null ? true : ((kernelArchOf(g.arch) ?? g.arch) === sel.arch) !== g.negated;
  if (g.type === 'cfg' && !sel.config && sel.arch !== null) {
    return computeCfgPredicate(g.predicate, (name, v) => targetArchHolds(name, v, sel.arch)) !== false;
  }
  if (g.type === 'cfg' && sel.config) {
    // A kernel build never sets cfg(test) (only `make rusttest` does); CONFIG_ names are the configuration's; a
    // `--cfg` the crate's object rule passes under conditions the configuration meets is set
    // (`no_global_oom_handling` for 6.1's alloc); anything else (`feature = "x"`) may hold.
    const config = sel.config;
    // Only a rule whose every condition the configuration decides counts: one under a make test it cannot read
    // may not pass the cfg.
    const passed = (sel.crateCfgs ?? []).filter(
      (c) =>
        crate !== null &&
        (c.crate === crate || c.crate === '*') &&
        isObjectTarget(c.target) &&
        c.guards.every((h) => (h.type === 'config' || h.type === 'arch') && guardHolds(h, sel, null)),
    );
    const value = computeCfgPredicate(g.predicate, (name, v) => {
      if (name === 'target_arch') return targetArchHolds(name, v, sel.arch);
      if (name === 'test' && v === null) return false;
      if (sel.versionSymbols.has(name)) return null; // a rustc version, judged by the planner, not by the configuration
      if (name.startsWith('CONFIG_') && v === null) {
        const cur = config[name];
        return cur !== undefined && cur !== 'n' && cur !== '';
      }
      if (passed.some((c) => c.name === name && c.value === v)) return true;
      return null;
    });
    return value !== false;
  }
  return true;
}

/** `target_arch = "x"` under a chosen kernel architecture; null (may hold) without one. */
function targetArchHolds(name: string, value: string | null, arch: string | null): Tristate {
  if (name !== 'target_arch' || value === null) return null;
  return arch === null ? null : kernelArchOf(value) === arch;
}

/**
 * The kernel architectures an occurrence is built for, from its `arch` (an `arch/<name>/` file, a Cargo
 * `[target.<triple>]` table), its make arch conditionals and `target_arch` in its cfg predicates; null when every
 * architecture builds it.
 */
export function computeOccurrenceArches(o: Occurrence): readonly string[] | null {
  // Asked for each occurrence by every report of a scan, and the scans of a history share occurrences: computed once.
  const known = archesOf.get(o);
  if (known !== undefined) return known;
  const arches = occurrenceArches(o);
  archesOf.set(o, arches);
  return arches;
}

/** What `computeOccurrenceArches` gives, by occurrence. */
const archesOf = new WeakMap<Occurrence, readonly string[] | null>();

function occurrenceArches(o: Occurrence): string[] | null {
  const own = o.arch === null ? null : (kernelArchOf(o.arch) ?? o.arch);
  const arches = ARCHES.map((a) => a.kernel).filter(
    (arch) => (own === null || own === arch) && o.guards.every((g) => (g.type === 'arch' || g.type === 'cfg' ? guardHolds(g, { config: null, arch, versionSymbols: new Map() }, o.crate) : true)),
  );
  // An architecture the mapping lacks (a tree's own `arch/<name>/`) stands for itself.
  if (own !== null && !ARCHES.some((a) => a.kernel === own)) return [own];
  return arches.length === ARCHES.length ? null : arches;
}

/** Whether the configuration and architecture of the selection turn this occurrence on. */
export function isOccurrenceSelected(o: Occurrence, sel: Selection): boolean {
  if (sel.arch !== null) {
    const arches = computeOccurrenceArches(o);
    if (arches !== null && !arches.includes(sel.arch)) return false;
  }
  return o.guards.every((g) => asVersionGuard(g, sel.versionSymbols) !== null || guardHolds(g, sel, o.crate));
}

/** The rustc versions this occurrence is active at, from its version guards and RUSTC_HAS_* symbols. */
export function computeRustcWindow(o: Occurrence, versionSymbols: ReadonlyMap<string, string>): RustcWindow {
  let from: string | null = null;
  let until: string | null = null;
  for (const g of o.guards) {
    const v = asVersionGuard(g, versionSymbols);
    if (!v) continue;
    if (v.op === '>=') from = from === null || compareRustVersions(v.version, from) > 0 ? v.version : from;
    else until = until === null || compareRustVersions(v.version, until) < 0 ? v.version : until;
  }
  return { from, until };
}

/** True when some rustc at or above `minimum` can activate the occurrence (it is not confined to older compilers). */
export function isLiveAtMinimum(w: RustcWindow, minimum: string | null): boolean {
  if (w.until === null || minimum === null) return true;
  if (w.from !== null && compareRustVersions(w.from, w.until) >= 0) return false;
  return compareRustVersions(minimum, w.until) < 0;
}

/** True when this rustc version activates the occurrence. */
export function isActiveAt(w: RustcWindow, version: string): boolean {
  if (w.from !== null && compareRustVersions(version, w.from) < 0) return false;
  if (w.until !== null && compareRustVersions(version, w.until) >= 0) return false;
  return true;
}
