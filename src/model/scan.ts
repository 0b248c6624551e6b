import type { Diagnostic } from './diagnostic.js';
import type { Guard } from './guard.js';

/** Schema id of a scan document; bump the number on an incompatible change, add fields freely. */
export const SCAN_SCHEMA = 'gatewatch/scan@1' as const;

/** How an occurrence reaches the compiler. */
export type Via =
  | 'crate-attr' // #![feature(x)] in a .rs file
  | 'cfg-attr' // #![cfg_attr(PRED, feature(x))]
  | 'allowed-list' // rust_allowed_features := a,b,c
  | 'crate-attr-flag' // -Zcrate-attr='feature(x)' on a command line (also when it expands $(rust_allowed_features))
  | 'makefile' // a -Z flag in a Makefile, Kbuild, *.mk or scripts/ file
  | 'cargo-config' // .cargo/config.toml rustflags or [unstable]
  | 'cargo-manifest'; // Cargo.toml cargo-features = [...]

/** One use of an unstable feature or `-Z` flag, at one place in the tree. */
export interface Occurrence {
  kind: 'feature' | 'flag';
  /** Feature name (`arbitrary_self_types`) or flag as written (`-Zbranch-protection`). */
  name: string;
  /** Flag value (`pac-ret`), null for features and value-less flags. */
  value: string | null;
  /** Path relative to the tree, with forward slashes. */
  file: string;
  /** 1-based line holding the name. */
  line: number;
  /** 1-based column of the name. */
  column: number;
  /** Crate the gate applies to; `*` for every crate built by the common driver command; null when unknown. */
  crate: string | null;
  /** Architecture from `arch/<arch>/` or an arch conditional; null when all architectures. */
  arch: string | null;
  /** Readable condition (guards joined with `&&`), null when unconditional. */
  condition: string | null;
  via: Via;
  /** Structured form of `condition`. */
  guards: Guard[];
  /** Tool that receives a flag: rustc (default), rustdoc, cargo. */
  tool?: 'rustc' | 'rustdoc' | 'cargo';
  /** Make variable a flag is added to (`KBUILD_RUSTFLAGS`, `rustflags-y`, ...). */
  variable?: string;
}

/** What the kernel says about its own gates, for the audit in the readiness report. */
export interface Claim {
  /** `comment-group`: a comment above a feature list; `kconfig`: a `RUSTC_HAS_*`-style Kconfig symbol. */
  kind: 'comment-group' | 'kconfig';
  /** Normalised meaning of the claim. */
  claim: 'stable-since' | 'expected-stable' | 'to-be-determined' | 'rustc-version-at-least' | 'rustc-option' | 'other';
  /** The claim as written (comment text, or the Kconfig `def_bool` line). */
  text: string;
  /** Version the claim names, e.g. `1.79.0`, when it names one. */
  version?: string;
  file: string;
  line: number;
  /** Gate names the claim is attached to. */
  gates: string[];
  /** Kconfig symbol (`CONFIG_RUSTC_HAS_COERCE_POINTEE`) for `kconfig` claims. */
  symbol?: string;
}

/** A place that sets RUSTC_BOOTSTRAP, which lets a stable compiler accept unstable gates. */
export interface BootstrapSetting {
  file: string;
  line: number;
  value: string;
  condition: string | null;
}

/**
 * A `--cfg` that a make rule passes to one crate: rust/Makefile's `alloc-cfgs = --cfg no_global_oom_handling ...`
 * given to `$(obj)/alloc.o: private rustc_target_flags = $(alloc-cfgs)`. A gate under `cfg_attr(not(x), ...)` in
 * that crate is then never built where the cfg is passed.
 */
export interface CrateCfg {
  /** The crate the rule builds: `alloc` (from `$(obj)/alloc.o`, `rustdoc-alloc`, `--crate-name alloc`). */
  crate: string;
  /** The rule's target as written: `$(obj)/alloc.o` (the kernel build), `rustdoc-alloc`, `rusttest-kernel`. */
  target: string;
  /** The cfg's name and its value (`x` in `--cfg name="x"`; null for a plain name). */
  name: string;
  value: string | null;
  /** Where `--cfg name` is written (in a variable's definition when the rule names the variable). */
  file: string;
  line: number;
  /** The make conditions of the rule and of the definition, joined with `&&`; null when unconditional. */
  condition: string | null;
  /** Structured form of `condition`. */
  guards: Guard[];
}

/**
 * The edition a crate is built with: Cargo's `package.edition` (also `edition.workspace = true`, inherited from
 * `[workspace.package]`), or the kernel's `--edition=` in its common rustc flags.
 */
export interface CrateFacts {
  /** Crate name; `*` for every crate the common driver command builds (the kernel's `rust_common_flags`). */
  crate: string;
  /** `2015`, `2018`, `2021`, `2024`. */
  edition: string;
  /** Where the edition is written (the package's manifest for Cargo's default). */
  file: string;
  line: number;
  via: 'cargo-manifest' | 'makefile';
  /** `workspace`: inherited from the workspace manifest; `default`: the manifest names none, Cargo's 2015 applies. */
  from?: 'workspace' | 'default';
}

/** Versioned scan document: reporters, report, history and dashboard read only this. */
export interface ScanSnapshot {
  schema: typeof SCAN_SCHEMA;
  /** The tree as given by the user (a path, or `path@rev` for git revisions). */
  tree: string;
  /** `6.12.48` from the top Makefile; null for non-kernel trees. */
  kernelVersion: string | null;
  /** Minimum rustc from scripts/min-tool-version.sh (or rust-version / clippy msrv elsewhere). */
  rustMinVersion: string | null;
  occurrences: Occurrence[];
  claims: Claim[];
  diagnostics: Diagnostic[];
  /** RUSTC_BOOTSTRAP settings. */
  bootstrap: BootstrapSetting[];
  /** `--cfg`s make rules pass to crates (absent in documents written before it was collected). */
  crateCfgs?: CrateCfg[];
  /** Each crate's edition, where the tree says (absent in documents written before it was collected). */
  crates?: CrateFacts[];
  /** `rust-toolchain(.toml)` channel for Cargo workspaces. */
  toolchainChannel: string | null;
  /** `kernel` or `cargo` or `rust` (plain tree). */
  treeKind: 'kernel' | 'cargo' | 'rust';
  /** Counts for the curious: files considered and read (and, with the scan cache, files whose facts were reused). */
  stats: {
    filesConsidered: number;
    filesRead: number;
    filesFromCache?: number;
    elapsedMs: number;
    /** Where the time went, by step of the pipeline (walk, plan, files, ...), in ms. */
    phasesMs?: Record<string, number>;
  };
  /** Tool version and time of the scan. */
  generator: { name: 'gatewatch'; version: string; generatedAt: string };
}
