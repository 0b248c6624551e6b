import type { Diagnostic } from './diagnostic.js';

/** Schema id of a registry document. */
export const REGISTRY_SCHEMA = 'gatewatch/registry@1' as const;

/** Language feature, library feature, or compiler flag (`-Z...`). */
export type FeatureKind = 'lang' | 'lib' | 'flag';

/** Status of a name in one toolchain. */
export type FeatureStatus = 'unstable' | 'incomplete' | 'internal' | 'stable' | 'removed';

/** Where one fact came from. */
export interface Provenance {
  /** Which fact: `status`, `since`, `trackingIssue`, `kind`, `removed`, `renamedTo`, `help`, `replacement`. */
  fact: string;
  /** Source id: `rust-checkout`, `unstable-book`, `release-notes`, `compiler`, `rustc-z-help`, `curated`, `bundled`. */
  source: string;
  /** The value that source gave. */
  value: string | number | null;
  /** File and line in that source, when known. */
  at?: string;
}

/** Everything known about one feature or flag name. */
export interface RegistryEntry {
  name: string;
  kind: FeatureKind;
  status: FeatureStatus;
  /** Release that stabilised it (status `stable`) or removed it (status `removed`), e.g. `1.79.0`. */
  since: string | null;
  /** The tracking issue; the first one when there are several. */
  trackingIssue: number | null;
  /** Every tracking issue, present when the sources name more than one (`-Zsanitizer`: #39699 and #89653). */
  trackingIssues?: number[];
  /** Why it was removed, as the source says. */
  reason?: string;
  /** New name of a renamed feature. */
  renamedTo?: string;
  /** Stable replacement of a flag, e.g. `-Cjump-tables=n` for `-Zno-jump-tables`. */
  replacement?: string;
  /** Release in which `replacement` became stable. */
  replacementSince?: string;
  /** One-line help text of a flag. */
  help?: string;
  /** True when the compiler of this toolchain confirmed the status. */
  verified?: boolean;
  /** Pull request that removed a feature, when the source names one. */
  pull?: number;
  /** Editions in which a stable feature is stable, when not every edition (`let_chains`: `["2024"]`). */
  stableInEditions?: string[];
  /** A library feature the compiler does not know on this host although the toolchain documents it (target-specific). */
  hostUnknown?: boolean;
  sources: Provenance[];
}

/** A versioned registry document: what one toolchain (or the bundled data) knows. */
export interface Registry {
  schema: typeof REGISTRY_SCHEMA;
  /** The toolchain the registry describes, when built from or verified against one. */
  toolchain: { name: string; version: string; date?: string; channel?: string } | null;
  generatedAt: string;
  /** Inputs the registry was built from (toolchain versions, checkout revisions, dates). */
  provenance: { source: string; detail: string }[];
  features: RegistryEntry[];
  diagnostics: Diagnostic[];
}

/**
 * How a status reads everywhere (feature, report, roadmap): `stable since 1.79.0`, `removed in 1.70.0`, and for a
 * removed flag with a stable replacement `removed; replaced by `-Cjump-tables=n` (stable since 1.93.0)`.
 */
export function describeStatus(e: { status: FeatureStatus | string; since: string | null; replacement?: string | undefined; replacementSince?: string | undefined }): string {
  if (e.status === 'stable') return e.since ? `stable since ${e.since}` : 'stable';
  if (e.status !== 'removed') return e.status;
  if (!e.replacement) return e.since ? `removed in ${e.since}` : 'removed';
  // The release of the removal is said only when it differs from the replacement's: usually one pull did both.
  const removed = e.since && e.since !== e.replacementSince ? `removed in ${e.since}` : 'removed';
  return `${removed}; replaced by \`${e.replacement}\`${e.replacementSince ? ` (stable since ${e.replacementSince})` : ''}`;
}
