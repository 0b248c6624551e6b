import type { FeatureStatus, Registry, RegistryEntry } from '../model/registry.js';
import type { ScanSnapshot } from '../model/scan.js';
import { buildRegistryIndex } from './registry-index.js';

/** What the compiler said about one feature name (the shape of the registry's probe results). */
export interface ProbedName {
  name: string;
  status: FeatureStatus | 'unknown' | 'invalid';
  since: string | null;
  reason?: string;
  trackingIssue?: number;
}

/** Feature names the scan uses that the registry does not know: the ones worth asking the compiler about. */
export function computeUnknownFeatureNames(scan: ScanSnapshot, registry: Registry): string[] {
  const index = buildRegistryIndex(registry);
  const names = new Set<string>();
  for (const o of scan.occurrences) if (o.kind === 'feature' && !index.get(o.name, 'feature')) names.add(o.name);
  return [...names].sort();
}

/**
 * The registry plus what a compiler said about names it lacked. Names the compiler does not know either stay
 * absent, so the report calls them errors. The kind of a probed name is not known: it is recorded as `lang` with a null `kind` fact, which the report shows as unknown.
 */
export function buildProbedRegistry(registry: Registry, probed: readonly ProbedName[], compiler: string): Registry {
  const added: RegistryEntry[] = [];
  for (const p of probed) {
    if (p.status === 'unknown' || p.status === 'invalid') continue;
    added.push({
      name: p.name,
      kind: 'lang',
      status: p.status,
      since: p.since,
      trackingIssue: p.trackingIssue ?? null,
      ...(p.reason ? { reason: p.reason } : {}),
      verified: true,
      sources: [
        { fact: 'status', source: 'compiler', value: p.status, at: compiler },
        { fact: 'kind', source: 'compiler', value: null, at: compiler },
      ],
    });
  }
  if (added.length === 0) return registry;
  return {
    ...registry,
    provenance: [...registry.provenance, { source: 'compiler', detail: `${added.length} names the registry lacked, asked of ${compiler}` }],
    features: [...registry.features, ...added],
  };
}
