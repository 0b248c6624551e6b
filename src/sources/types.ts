import type { Diagnostic } from '../model/diagnostic.js';
import type { BootstrapSetting, Claim, Occurrence } from '../model/scan.js';

/** One file of the tree, already read and decoded. */
export interface SourceFile {
  /** Path relative to the tree root, forward slashes. */
  path: string;
  text: string;
}

/** What every source may use while collecting. */
export interface ScanContext {
  /** `kernel` when the tree has a top Makefile with VERSION and a rust/ or scripts/ directory. */
  treeKind: 'kernel' | 'cargo' | 'rust';
  /** True when the tree has this file (relative path); cheap, from the walk. */
  hasFile(path: string): boolean;
  /** Crate a `.rs` file belongs to (src/scan/crates.ts); absent in unit tests that build a context by hand. */
  crateOf?(path: string): string | null;
}

/** Facts a source collected from one file (or, from `finalize`, across files). */
export interface SourceFacts {
  occurrences?: Occurrence[];
  claims?: Claim[];
  diagnostics?: Diagnostic[];
  bootstrap?: BootstrapSetting[];
  kernelVersion?: string;
  rustMinVersion?: string;
  toolchainChannel?: string;
  /** Source-private data carried from `collect` to `finalize` (e.g. make variable definitions). */
  pending?: unknown;
}

/**
 * A source of scan facts: one folder under src/sources/, listed in src/sources/index.ts.
 * Adding a new mechanism (a new Makefile idiom, a new config file) means adding a source, not editing a switch.
 */
export interface ScanSource {
  /** Short id, used in diagnostics codes and progress. */
  name: string;
  /** Whether this source reads the file at this relative path. Called for every walked file: keep it cheap. */
  wants(path: string, ctx: ScanContext): boolean;
  /** Collect facts from one file. Must never throw on bad input: return a diagnostic instead. */
  collect(file: SourceFile, ctx: ScanContext): SourceFacts | Promise<SourceFacts>;
  /** Resolve what needs more than one file (e.g. `$(rust_allowed_features)` defined in another file). */
  finalize?(perFile: SourceFacts[], ctx: ScanContext): SourceFacts;
}
