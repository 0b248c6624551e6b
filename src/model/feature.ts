import type { FeatureStatus, Registry, RegistryEntry } from './registry.js';

/** Schema id of the `gatewatch feature --json` answer. */
export const FEATURE_ANSWER_SCHEMA = 'gatewatch/feature@1' as const;

/** What a compiler said about a name the registry lacks. */
export interface FeatureProbe {
  name: string;
  /** `unknown`: the compiler does not know it (E0635); `invalid`: not a Rust identifier, never asked. */
  status: FeatureStatus | 'unknown' | 'invalid';
  since: string | null;
  reason?: string;
  pull?: number;
  trackingIssue?: number;
  /** The compiler asked, e.g. `rustc 1.97.0-nightly`. */
  toolchain: string;
}

/** What `gatewatch feature <name>` found. */
export interface FeatureAnswer {
  schema: typeof FEATURE_ANSWER_SCHEMA;
  /** The name as asked. */
  query: string;
  /** The registry entry, or null when the registry has never seen the name. */
  entry: RegistryEntry | null;
  /** Which registry answered: the bundled data or a toolchain's. */
  registry: { toolchain: Registry['toolchain']; generatedAt: string };
  /** What the compiler said when the registry did not know the name. */
  probe: FeatureProbe | null;
  /** Why no compiler was asked, or what its answer leaves open. */
  note?: string;
  /** Names of the registry the query may be a misspelling of (other `-`/`_`, `-Z`, a typo), when it has no entry. */
  suggestions?: string[];
}

/** True when neither the registry nor a compiler knows the name: `gatewatch feature` exits 1 then. */
export function isUnknownName(a: FeatureAnswer): boolean {
  return a.entry === null && (a.probe === null || a.probe.status === 'unknown' || a.probe.status === 'invalid');
}
