import { compareRustVersions, parseRustVersion } from '../core/rust-version.js';
import type { Registry } from '../model/registry.js';
import type { Gate, PlannerRow } from '../model/report.js';
import type { Occurrence } from '../model/scan.js';
import { computeGates, type ClassifyOptions } from './classify.js';
import type { RegistryIndex } from './registry-index.js';

/** Answers already computed: a registry document is never changed once built, and a history asks once per scan. */
const newestKnown = new WeakMap<Registry, string | null>();

/** The newest release the registry knows of: its toolchain's, or the latest stabilisation it records. */
export function computeNewestKnownRelease(registry: Registry): string | null {
  if (!newestKnown.has(registry)) newestKnown.set(registry, newestReleaseOf(registry));
  return newestKnown.get(registry)!;
}

function newestReleaseOf(registry: Registry): string | null {
  let newest: string | null = null;
  const consider = (v: string | null | undefined) => {
    const p = v ? parseRustVersion(v) : null;
    if (!p) return;
    const norm = `${p[0]}.${p[1]}.0`;
    if (newest === null || compareRustVersions(norm, newest) > 0) newest = norm;
  };
  consider(registry.toolchain?.version);
  for (const e of registry.features) if (e.status === 'stable') consider(e.since);
  return newest;
}

/**
 * The last release the planner lists: the newest the registry knows, or a later one where a gate drops (a use
 * confined to `rustc < 1.98.0`, a stabilisation the registry dates after its own toolchain).
 */
export function computeLastDropRelease(gates: readonly Gate[], newestKnown: string | null): string | null {
  let last = newestKnown;
  for (const g of gates) {
    if (g.class !== 'removable-at' || g.since === null) continue;
    const p = parseRustVersion(g.since);
    if (!p) continue;
    const at = `${p[0]}.${p[1]}.0`;
    if (last === null || compareRustVersions(at, last) > 0) last = at;
  }
  return last;
}

/** Every `1.N.0` release from `from` to `to`, both included. */
export function computeReleases(from: string, to: string): string[] {
  const a = parseRustVersion(from);
  const b = parseRustVersion(to);
  if (!a || !b || a[0] !== b[0]) return [];
  const out: string[] = [];
  for (let minor = a[1]; minor <= b[1]; minor++) out.push(`${a[0]}.${minor}.0`);
  return out;
}

/**
 * For each release from the tree's minimum to the newest known: how many gates remain if it were the minimum,
 * and which drop there. This is the table the kernel's "Stable since" comments keep by hand.
 */
export function computePlanner(
  occurrences: readonly Occurrence[],
  index: RegistryIndex,
  options: Omit<ClassifyOptions, 'minimum'> & { from: string | null; to: string | null; newestKnown?: string | null },
): PlannerRow[] {
  if (options.from === null || options.to === null) return [];
  const rows: PlannerRow[] = [];
  let previous: Set<string> | null = null;
  for (const version of computeReleases(options.from, options.to)) {
    const gates = computeGates(occurrences, index, { ...options, minimum: version });
    const left = new Set(gates.filter((g) => g.class !== 'removable').map((g) => `${g.kind}:${g.gate ?? g.name}`));
    const drops =
      previous === null
        ? gates.filter((g) => g.class === 'removable').map((g) => g.gate ?? g.name)
        : [...previous].filter((k) => !left.has(k)).map((k) => k.slice(k.indexOf(':') + 1));
    const row: PlannerRow = { version, remaining: left.size, drops: drops.sort() };
    // Past the registry only the releases where a gate is known to drop are listed.
    if (options.newestKnown && compareRustVersions(version, options.newestKnown) > 0) {
      row.beyondRegistry = true;
      if (drops.length === 0) {
        previous = left;
        continue;
      }
    }
    rows.push(row);
    previous = left;
  }
  return rows;
}
