import type { Diagnostic } from '../model/diagnostic.js';
import type { BootstrapSetting, Claim, CrateCfg, CrateFacts, Occurrence } from '../model/scan.js';

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
  /**
   * True when the tree has this file (relative path); cheap, from the walk. Only files some source's `interest`
   * covers are known: ask only about those (a source asking about another kind of file declares it).
   */
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
  crateCfgs?: CrateCfg[];
  crates?: CrateFacts[];
  kernelVersion?: string;
  rustMinVersion?: string;
  toolchainChannel?: string;
  /** Source-private data carried from `collect` to `finalize` (e.g. make variable definitions). */
  pending?: unknown;
}

/**
 * The files a source may want, by name and directory alone: the walk builds paths only for files some source's
 * interest covers (src/scan/select.ts), and `wants` decides on those. Each field is a union: a file matches when
 * any of them matches.
 */
export interface FileInterest {
  /** File extensions, without the dot: `rs`, `toml`. */
  extensions?: readonly string[];
  /** Exact file names: `Cargo.toml`. */
  names?: readonly string[];
  /** Beginnings of file names: `Makefile` (also `Makefile.build`), `Kconfig`. */
  namePrefixes?: readonly string[];
  /** Every file below a directory with this name, at any depth: `scripts`. */
  dirNames?: readonly string[];
  /** Every file below these directories, relative to the tree root: `.github/workflows`. */
  dirPaths?: readonly string[];
}

/**
 * A source of scan facts: one folder under src/sources/, listed in src/sources/index.ts.
 * Adding a new mechanism (a new Makefile idiom, a new config file) means adding a source, not editing a switch.
 */
export interface ScanSource {
  /** Short id, used in diagnostics codes and progress. */
  name: string;
  /**
   * Which files this source may want. Without it the walk keeps every file's path (slower on a kernel tree's 90k
   * files, but never wrong); with it, `wants` is only asked about files the interest covers.
   */
  interest?: FileInterest;
  /**
   * Text a file must contain (any one of these strings) for `collect` to find anything in it. A wanted file with
   * none of them is not decoded or collected (it is still checked for binary content and invalid UTF-8); the
   * check runs on the bytes. Absent: every wanted file is collected.
   */
  markers?: readonly string[];
  /**
   * Start slow preparations (loading a parser) while the tree is listed on other threads, when the main thread
   * would otherwise wait. Only a start: it must not throw, and a failure must show again when `collect` runs.
   */
  warmUp?(): void;
  /**
   * Once the tree is listed and its kind known, on a scan that expects to read its files: finish what `warmUp`
   * started when this source will surely use it on this kind of tree. Must not throw.
   */
  prepare?(ctx: ScanContext): Promise<void>;
  /** Whether this source reads the file at this relative path. Called for every kept file: keep it cheap. */
  wants(path: string, ctx: ScanContext): boolean;
  /** Collect facts from one file. Must never throw on bad input: return a diagnostic instead. */
  collect(file: SourceFile, ctx: ScanContext): SourceFacts | Promise<SourceFacts>;
  /**
   * Resolve what needs more than one file (e.g. `$(rust_allowed_features)` defined in another file). It may return
   * a Promise, so that a parser it needs is loaded only when there is something to resolve.
   */
  finalize?(perFile: SourceFacts[], ctx: ScanContext): SourceFacts | Promise<SourceFacts>;
}
