/**
 * Library features declared outside rust-lang/rust's `library/`: data/outside-library-features.json, names a crate
 * the standard library depends on declares (`libc`). No library source lists them; the compiler confirms them.
 */
import { readFileSync } from 'node:fs';
import { GatewatchError } from '../core/errors.js';
import { packageFileUrl } from '../core/package-root.js';
import type { FeatureFact, RegistryFacts } from './types.js';

/** The shipped file, resolved next to the package (never the working directory). */
export const OUTSIDE_LIBRARY_URL = packageFileUrl('data/outside-library-features.json');

/** One curated name. */
export interface OutsideLibraryFeature {
  name: string;
  /** The crate that declares it. */
  crate: string;
  trackingIssue: number | null;
  source: string;
}

/** Parse the curated document; throws E_BAD_INPUT naming the first bad entry. */
export function parseOutsideLibraryFeatures(text: string, file = 'data/outside-library-features.json'): OutsideLibraryFeature[] {
  const doc = JSON.parse(text) as { features?: unknown };
  if (!Array.isArray(doc.features)) throw new GatewatchError('E_BAD_INPUT', `${file} has no "features" list`);
  return doc.features.map((e: Partial<OutsideLibraryFeature>, i: number) => {
    if (!e.name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(e.name) || !e.crate || !e.source) {
      throw new GatewatchError('E_BAD_INPUT', `${file}: entry ${i} (${e.name ?? '?'}) needs name (a feature name), crate and source`);
    }
    return { name: e.name, crate: e.crate, trackingIssue: typeof e.trackingIssue === 'number' ? e.trackingIssue : null, source: e.source };
  });
}

/** Facts of the curated names: unstable library features, until a compiler says otherwise. */
export function collectOutsideLibraryFeatures(text: string = readFileSync(OUTSIDE_LIBRARY_URL, 'utf8')): RegistryFacts {
  const facts: FeatureFact[] = parseOutsideLibraryFeatures(text).map((e) => ({ name: e.name, kind: 'lib', status: 'unstable', since: null, trackingIssue: e.trackingIssue, at: `${e.crate} crate: ${e.source}` }));
  return { source: 'curated', label: 'data/outside-library-features.json', facts, diagnostics: [], provenance: [{ source: 'curated', detail: `data/outside-library-features.json: ${facts.length} library features declared outside library/` }] };
}
