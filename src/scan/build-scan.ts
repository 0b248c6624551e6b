/**
 * The scan pipeline: list the files of the tree that some source may want (tree.ts, walk.ts) -> plan which source
 * wants which (plan.ts) -> collect each file's facts (collect.ts) -> assemble one ScanSnapshot, with the facts
 * across files. With a store, stored-scan.ts gives each step what the last scan kept and keeps what this one found.
 * Sources live in src/sources/, listed in one index.
 */
import { performance } from 'node:perf_hooks';
import { silent, type ProgressListener } from '../core/progress.js';
import { GATEWATCH_VERSION } from '../core/version.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { SCAN_SCHEMA, type Claim, type CrateCfg, type CrateFacts, type Occurrence, type ScanSnapshot } from '../model/scan.js';
import { scanSources } from '../sources/index.js';
import type { ScanContext, ScanSource, SourceFacts } from '../sources/types.js';
import type { Store } from '../store/store.js';
import { collectFiles } from './collect.js';
import { kernelCrateNamer } from './crates.js';
import { makePlan } from './plan.js';
import { fileSelector } from './select.js';
import type { ScanSession } from './scan-session.js';
import { openStoredScan, type StoredScan } from './stored-scan.js';
import { openTree } from './tree.js';
import type { TreeReader } from './tree-reader.js';

export interface ScanOptions {
  /** Directory of the tree (a git repository when `rev` is given). */
  tree: string;
  /** Git revision to read from objects, without a checkout. */
  rev?: string;
  /** Follow symbolic links to directories (loops are diagnosed). */
  followSymlinks?: boolean;
  onProgress?: ProgressListener;
  /** Sources to use; all of them by default (tests narrow this). */
  sources?: ScanSource[];
  /** Name to record as `tree` in the document (default: the path as given, plus `@rev`). */
  label?: string;
  /**
   * Facts kept between runs (src/store/): files unchanged since an earlier scan, and blobs seen at any revision
   * of the same repository, are not read again. Absent: nothing is read from or written to a store.
   */
  store?: Store;
  /**
   * Files and directories changed at or after this time (ms since the epoch) are not kept: a second change within
   * a timestamp's granularity could leave their stamps alone. Default: the scan's start less 2 s. Tests that write
   * a tree and scan it at once pass the current time.
   */
  trustBeforeMs?: number;
  /**
   * Memory shared by many scans of one repository in a row (src/scan/scan-session.ts): one git process, facts of
   * files decoded once, the last plan. Absent: the scan keeps nothing in memory after it ends.
   */
  session?: ScanSession;
}

/**
 * The files the pipeline itself looks for (the tree's kind, crate roots), whatever the sources want, and the
 * `.gitignore` files whose stamps tell whether a git work tree's kept listing still holds (src/scan/git-work-tree.ts).
 */
const PIPELINE_INTEREST = { names: ['Makefile', 'Makefile.build', 'Kbuild', 'Kconfig', 'Cargo.toml', 'lib.rs', '.gitignore'] };

/** Kernel, Cargo workspace, or any other tree of Rust files. */
function detectTreeKind(has: (p: string) => boolean): ScanContext['treeKind'] {
  if (has('Makefile') && (has('scripts/Makefile.build') || has('Kbuild')) && (has('rust/Makefile') || has('init/Kconfig'))) return 'kernel';
  if (has('Cargo.toml')) return 'cargo';
  return 'rust';
}

/** Scan a tree for every unstable feature and -Z flag; never throws on bad files, only on a tree that cannot be opened. */
export async function buildScan(options: ScanOptions): Promise<ScanSnapshot> {
  const started = performance.now();
  const progress = options.onProgress ?? silent;
  const sources = options.sources ?? scanSources;
  const phasesMs: Record<string, number> = {};
  let lap = started;
  const phase = (name: string) => {
    const now = performance.now();
    phasesMs[name] = Math.round((now - lap) * 10) / 10;
    lap = now;
  };
  const stored = options.store ? openStoredScan(options.store, options, sources, options.session) : undefined;

  // 1. List the files of the tree that some source may want: a walk, git's listing, or the kept walk.
  progress({ phase: 'walk', done: 0 });
  const reader = await openTree(options.tree, {
    ...(options.rev !== undefined ? { rev: options.rev } : {}),
    ...(options.rev !== undefined && options.session ? { git: options.session.git(options.tree) } : {}),
    followSymlinks: options.followSymlinks ?? false,
    select: fileSelector([PIPELINE_INTEREST, ...sources.map((s) => s.interest)]),
    ...stored?.treeOptions,
    // A parser compiling while the tree is listed is time won when files are to be read; a stored scan of an
    // unchanged tree reads none, and would pay for it for nothing (a changed file loads it when collected).
    ...(stored?.expectsReuse
      ? {}
      : {
          whileListing: () => {
            for (const s of sources) s.warmUp?.();
          },
        }),
  });
  try {
    return await scanTree(options, reader, stored, sources, progress, phase, phasesMs, started);
  } finally {
    reader.close?.();
  }
}

/** Steps 2 to 4 of `buildScan`, on an open tree. */
async function scanTree(
  options: ScanOptions,
  reader: TreeReader,
  stored: StoredScan | undefined,
  sources: readonly ScanSource[],
  progress: ProgressListener,
  phase: (name: string) => void,
  phasesMs: Record<string, number>,
  started: number,
): Promise<ScanSnapshot> {
  progress({ phase: 'walk', done: reader.fileCount, total: reader.fileCount });
  const ctx = await scanContext(reader);
  if (!stored?.expectsReuse) await Promise.all(sources.map((s) => s.prepare?.(ctx)));
  phase('list');

  // 2. Plan which sources want which file (the kept plan when the tree lists the same files).
  const plan = stored?.keptPlan(reader, ctx) ?? makePlan(reader.files, sources, ctx);
  phase('plan');

  // 3. Collect each file's facts: read, or kept from an earlier scan of the same content.
  progress({ phase: 'scan', done: 0, total: plan.length });
  const onBatch = (done: number, detail?: string) => progress({ phase: 'scan', done, total: plan.length, ...(detail !== undefined ? { detail } : {}) });
  const keptCollect = stored?.keptCollect(plan, reader, ctx);
  if (keptCollect) onBatch(plan.length);
  const collected = keptCollect ?? (await collectFiles(plan, reader, sources, ctx, stored?.keptFiles(ctx), onBatch));
  stored?.save(reader, ctx, plan, collected);
  phase('collect');

  // 4. Assemble: facts across files, then one document.
  const all: SourceFacts[] = [];
  for (const [source, facts] of collected.perSource) {
    all.push(...facts);
    if (source.finalize) all.push(await source.finalize(facts, ctx));
  }
  const stats: ScanSnapshot['stats'] = { filesConsidered: reader.fileCount, filesRead: collected.filesRead, ...(stored ? { filesFromCache: collected.filesFromCache } : {}), elapsedMs: 0 };
  const snapshot = assembleSnapshot(options, ctx.treeKind, all, [...reader.diagnostics, ...collected.diagnostics], stats);
  phase('assemble');
  snapshot.stats.elapsedMs = Math.round(performance.now() - started);
  snapshot.stats.phasesMs = phasesMs;
  return snapshot;
}

/** What every source may ask about the tree: its kind, its files, and the crate of a file. */
async function scanContext(reader: TreeReader): Promise<ScanContext> {
  const fileSet = new Set(reader.files);
  const hasFile = (p: string) => fileSet.has(p);
  const ctx: ScanContext = { treeKind: detectTreeKind(hasFile), hasFile };
  if (ctx.treeKind === 'kernel') {
    ctx.crateOf = kernelCrateNamer(hasFile);
  } else {
    // Files outside any Cargo package are named as in a kernel tree: lib.rs by its directory, others by stem.
    const manifests = reader.files.filter((p) => p === 'Cargo.toml' || p.endsWith('/Cargo.toml'));
    const texts = new Map<string, string>();
    for (const [p, r] of await reader.read(manifests)) if (!(r instanceof Error)) texts.set(p, r.bytes.toString('utf8'));
    // The TOML reader is loaded for Cargo trees only: a kernel tree's crates are named by its files alone.
    const { cargoCrateNamer } = await import('./cargo-crates.js');
    ctx.crateOf = cargoCrateNamer(texts, kernelCrateNamer(hasFile));
  }
  return ctx;
}

/** One scan document from every source's facts, in a stable order. */
function assembleSnapshot(
  options: ScanOptions,
  treeKind: ScanContext['treeKind'],
  all: readonly SourceFacts[],
  diagnostics: Diagnostic[],
  stats: ScanSnapshot['stats'],
): ScanSnapshot {
  const occurrences: Occurrence[] = [];
  const claims: Claim[] = [];
  const crateCfgs: CrateCfg[] = [];
  const crates: CrateFacts[] = [];
  const snapshot: ScanSnapshot = {
    schema: SCAN_SCHEMA,
    tree: options.label ?? (options.rev !== undefined ? `${options.tree}@${options.rev}` : options.tree),
    kernelVersion: null,
    rustMinVersion: null,
    occurrences,
    claims,
    diagnostics,
    bootstrap: [],
    crateCfgs,
    crates,
    toolchainChannel: null,
    treeKind,
    stats,
    generator: { name: 'gatewatch', version: GATEWATCH_VERSION, generatedAt: new Date().toISOString() },
  };
  for (const f of all) {
    if (f.occurrences) occurrences.push(...f.occurrences);
    if (f.claims) claims.push(...f.claims);
    if (f.diagnostics) diagnostics.push(...f.diagnostics);
    if (f.bootstrap) snapshot.bootstrap.push(...f.bootstrap);
    if (f.crateCfgs) crateCfgs.push(...f.crateCfgs);
    if (f.crates) crates.push(...f.crates);
    snapshot.kernelVersion ??= f.kernelVersion ?? null;
    snapshot.rustMinVersion ??= f.rustMinVersion ?? null;
    snapshot.toolchainChannel ??= f.toolchainChannel ?? null;
  }
  attachKconfigClaims(claims, occurrences);
  occurrences.sort(byPlace);
  claims.sort(byPlace);
  diagnostics.sort((a, b) => compareText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  snapshot.bootstrap.sort(byPlace);
  crateCfgs.sort((a, b) => byPlace(a, b) || compareText(a.crate, b.crate) || compareText(a.target, b.target));
  crates.sort((a, b) => byPlace(a, b) || compareText(a.crate, b.crate));
  return snapshot;
}

/** Code-unit order: the same on every machine and locale (and no ICU collator to start up). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byPlace(a: { file: string; line: number; column?: number; name?: string }, b: typeof a): number {
  return compareText(a.file, b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || compareText(a.name ?? '', b.name ?? '');
}

/**
 * A Kconfig `RUSTC_HAS_X` claim is about the gates whose conditions use `CONFIG_RUSTC_HAS_X`. The claim is replaced,
 * not changed: a file's facts may be shared by the scans of many revisions (src/scan/scan-session.ts).
 */
function attachKconfigClaims(claims: Claim[], occurrences: Occurrence[]): void {
  claims.forEach((c, i) => {
    if (c.kind !== 'kconfig' || !c.symbol) return;
    const gates = [...c.gates];
    for (const o of occurrences) {
      if (o.guards.some((g) => g.type === 'config' && g.symbol === c.symbol) && !gates.includes(o.name)) gates.push(o.name);
    }
    if (gates.length > c.gates.length) claims[i] = { ...c, gates };
  });
}
