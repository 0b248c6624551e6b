/**
 * The toolchain a tree pins, and whether a registry is older than it. A Cargo tree pins its `rust-toolchain(.toml)`
 * channel (https://rust-lang.github.io/rustup/overrides.html#the-toolchain-file); a kernel pins its minimum rustc
 * (scripts/min-tool-version.sh). Pure.
 */
import { compareRustVersions, parseRustVersion } from '../core/rust-version.js';
import type { Registry } from '../model/registry.js';
import type { ReportDocument } from '../model/report.js';
import type { ScanSnapshot } from '../model/scan.js';

/** The pin of a report document. */
export type PinnedToolchain = NonNullable<ReportDocument['pinnedToolchain']>;

const DATED = /^(nightly|beta)-(\d{4}-\d{2}-\d{2})$/;

/** The day after a `YYYY-MM-DD` date: a nightly of day D is built from the commits of day D-1. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Whether the registry is older than the pinned toolchain: a dated nightly or beta after the registry's nightly
 * build, or a release newer than the registry's. Undefined when one side has nothing to compare (`nightly`).
 */
function isRegistryOlderThan(pin: string, registry: Registry): boolean | undefined {
  const t = registry.toolchain;
  const dated = DATED.exec(pin);
  if (dated) {
    if (!t?.date) return undefined;
    return dated[2]! > nextDay(t.date);
  }
  const release = parseRustVersion(pin);
  if (release && t) {
    const own = parseRustVersion(t.version);
    return own ? compareRustVersions(`${release[0]}.${release[1]}.${release[2] ?? 0}`, `${own[0]}.${own[1]}.${own[2] ?? 0}`) > 0 : undefined;
  }
  return undefined;
}

/** The toolchain the scanned tree pins, judged against the registry; null when it pins none. */
export function computePinnedToolchain(scan: ScanSnapshot, registry: Registry | null): PinnedToolchain | null {
  let pin: PinnedToolchain | null = null;
  if (scan.toolchainChannel) pin = { name: scan.toolchainChannel, source: 'rust-toolchain' };
  else if (scan.treeKind === 'kernel' && scan.rustMinVersion) pin = { name: scan.rustMinVersion, source: 'min-tool-version' };
  if (pin === null || registry === null) return pin;
  const older = isRegistryOlderThan(pin.name, registry);
  return older === undefined ? pin : { ...pin, newerThanRegistry: older };
}
