/**
 * The registry's source interface: each source of facts about feature and flag names is a plain object in its
 * own folder under src/registry/sources/, listed in src/registry/sources/index.ts.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { FeatureKind, FeatureStatus } from '../model/registry.js';
import type { ProgressListener } from '../core/progress.js';
import type { Toolchain } from './toolchain.js';

/** What one source says about one name. Every field is optional: a source says only what it knows. */
export interface FeatureFact {
  /** Feature name, or a flag as `-Zdash-form`. */
  name: string;
  kind?: FeatureKind;
  /** `unknown`: the compiler does not know the name (E0635). */
  status?: FeatureStatus | 'unknown';
  since?: string | null;
  trackingIssue?: number | null;
  /** Every tracking issue, when the source names more than one (`trackingIssue` is the first). */
  trackingIssues?: number[];
  reason?: string;
  renamedTo?: string;
  /** A `-Z` name that is no `-Z` flag: the option its Unstable Book page documents (`--env-set`). */
  otherOption?: string;
  replacement?: string;
  replacementSince?: string;
  help?: string;
  pull?: number;
  /** Editions in which a stable feature is stable (`let_chains`: 2024 only). */
  stableInEditions?: string[];
  /** Where in the source the fact was read (`compiler/rustc_feature/src/removed.rs:52`). */
  at?: string;
}

/** Everything one source collected, with the inputs it read. */
export interface RegistryFacts {
  /** Source id, e.g. `rust-checkout`, `unstable-book`, `release-notes`, `compiler`, `rustc-z-help`, `curated`, `bundled`. */
  source: string;
  /** Label of the input the facts describe (`rustc 1.97.0-nightly (2026-05-19)`, a checkout path). */
  label?: string;
  facts: FeatureFact[];
  diagnostics: Diagnostic[];
  provenance: { source: string; detail: string }[];
}

/** Inputs a registry build may draw on. */
export interface RegistryInputs {
  /** A rust-lang/rust checkout. */
  checkout?: string;
  /** The toolchain to read docs from and verify against. */
  toolchain?: Toolchain;
  /** Also read the toolchain's release notes (slow: about 15k lines of Markdown); used by build and update. */
  releaseNotes?: boolean;
  /** Also read the toolchain's library sources (the `rust-src` component), when installed; slow like the notes. */
  librarySources?: boolean;
  /** Without rust-src, read the library sources rendered in the docs (`html/src/`, minutes): `registry update --library-docs`. */
  libraryDocs?: boolean;
  onProgress?: ProgressListener;
}

/**
 * A source of registry facts. `names` sources run first; `verify` sources (the compiler) then receive every
 * feature name the others found, so one batch can check them all.
 */
export interface RegistrySource {
  name: string;
  stage: 'names' | 'verify';
  /** Whether the inputs hold what this source reads. */
  applies(inputs: RegistryInputs): boolean;
  /** Collect facts; bad input becomes diagnostics, never an exception (only a missing input may throw). */
  collect(inputs: RegistryInputs, names: string[]): Promise<RegistryFacts[]>;
}
