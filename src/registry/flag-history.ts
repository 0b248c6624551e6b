/**
 * The curated history of `-Z` flags that became stable options or were removed: data/flag-history.json, each
 * entry with its release and its source (the release notes and pull request).
 */
import { readFileSync } from 'node:fs';
import { GatewatchError } from '../core/errors.js';
import { packageFileUrl } from '../core/package-root.js';
import { normaliseName } from './lookup.js';
import type { FeatureFact, RegistryFacts } from './types.js';

/** One curated entry. */
export interface FlagHistoryEntry {
  flag: string;
  /** `other-option`: never a `-Z` flag; its Unstable Book page (compiler-flags/) documents `option`. */
  status: 'stabilized' | 'removed' | 'other-option';
  /** The release of the change; none for an other option. */
  release?: string;
  replacement?: string;
  /** The `-Z` flag a removed one was renamed to. */
  renamedTo?: string;
  /** The option an other option's page documents (`--env-set`, libtest's `--report-time`). */
  option?: string;
  trackingIssue?: number;
  /** Release whose `rustc` no longer takes the `-Z` form of a stabilized flag, when the source says so. */
  removedIn?: string;
  pull?: number;
  source: string;
}

/** The shipped file, resolved next to the package (never the working directory). */
const FLAG_HISTORY_URL = packageFileUrl('data/flag-history.json');

/** Parse the curated document into entries; throws E_BAD_INPUT naming the first bad entry. */
export function parseFlagHistory(text: string, file = 'data/flag-history.json'): FlagHistoryEntry[] {
  const doc = JSON.parse(text) as { flags?: unknown };
  if (!Array.isArray(doc.flags)) throw new GatewatchError('E_BAD_INPUT', `${file} has no "flags" list`);
  return doc.flags.map((e: Partial<FlagHistoryEntry>, i: number) => {
    const release = /^\d+\.\d+\.\d+$/;
    if (e.status === 'other-option') {
      if (!e.flag?.startsWith('-Z') || !e.option || !e.source) throw new GatewatchError('E_BAD_INPUT', `${file}: entry ${i} (${e.flag ?? '?'}) of status other-option needs flag (-Z...), option and source`);
      return e as FlagHistoryEntry;
    }
    if (!e.flag?.startsWith('-Z') || (e.status !== 'stabilized' && e.status !== 'removed') || !release.test(e.release ?? '') || !e.source || (e.removedIn !== undefined && !release.test(e.removedIn))) {
      throw new GatewatchError('E_BAD_INPUT', `${file}: entry ${i} (${e.flag ?? '?'}) needs flag (-Z...), status (stabilized|removed|other-option), release (X.Y.Z) and source`);
    }
    return e as FlagHistoryEntry;
  });
}

/**
 * Facts of the curated flag history. A stabilized flag with a replacement is a removed `-Z` flag replaced by a
 * stable option: where a toolchain's `-Z help` still lists the `-Z` form, that compiler's word (unstable) wins.
 */
export function collectFlagHistory(text: string = readFileSync(FLAG_HISTORY_URL, 'utf8')): RegistryFacts {
  const entries = parseFlagHistory(text);
  const facts: FeatureFact[] = entries.map((e) => {
    const name = normaliseName(e.flag);
    // No status: an other option is never a -Z flag of any release, so the registry leaves its name out.
    if (e.status === 'other-option') return { name, kind: 'flag', otherOption: e.option!, ...(e.trackingIssue ? { trackingIssue: e.trackingIssue } : {}), at: e.source };
    return {
      name,
      kind: 'flag',
      ...(e.status === 'stabilized' && e.replacement
        ? { status: 'removed' as const, since: e.removedIn ?? null, replacement: e.replacement, replacementSince: e.release! }
        : { status: e.status === 'stabilized' ? ('stable' as const) : ('removed' as const), since: e.release! }),
      ...(e.renamedTo ? { renamedTo: e.renamedTo } : {}),
      ...(e.trackingIssue ? { trackingIssue: e.trackingIssue } : {}),
      ...(e.pull ? { pull: e.pull } : {}),
      at: e.source,
    };
  });
  const others = entries.filter((e) => e.status === 'other-option').length;
  const detail = `data/flag-history.json: ${facts.length - others} flags${others > 0 ? `, ${others} names of other options` : ''}`;
  return { source: 'curated', label: 'data/flag-history.json', facts, diagnostics: [], provenance: [{ source: 'curated', detail }] };
}
