/**
 * The scan pipeline: list the files of the tree that some source may want (walk.ts, tree.ts) -> plan which source
 * wants which (plan.ts) -> collect each file's facts, read or from the scan cache (collect.ts, cache.ts) -> finalize
 * cross-file facts -> build one ScanSnapshot. Sources live in src/sources/, listed in one index.
 */
import { realpathSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { silent, type ProgressListener } from '../core/progress.js';
import { GATEWATCH_VERSION } from '../core/version.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { SCAN_SCHEMA, type Claim, type CrateCfg, type CrateFacts, type Occurrence, type ScanSnapshot } from '../model/scan.js';
import { scanSources } from '../sources/index.js';
import type { ScanContext, ScanSource, SourceFacts } from '../sources/types.js';
import { cargoCrateNamer, kernelCrateNamer } from './crates.js';
import { fileSelector } from './select.js';
import { openTree, type TreeReader } from './tree.js';
import { CachedFiles, codeFingerprint, encodeFiles, openScanCache, type ScanCacheData } from './cache.js';
import { collectFiles } from './collect.js';
import { decodePlan, encodePlan, makePlan } from './plan.js';

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
   * Directory of the scan cache (src/scan/cache.ts): files and directories unchanged since the last scan of this
   * tree are not read again. Absent: no cache is read or written.
   */
  cacheDir?: string;
  /**
   * Files and directories changed at or after this time (ms since the epoch) are not cached: a second change within
   * a timestamp's granularity could leave their stamps alone. Default: the scan's start less 2 s. Tests that write
   * a tree and scan it at once pass the current time.
   */
  trustBeforeMs?: number;
  /** Walk and read with the native module when it is built (src/scan/native.ts); default true. */
  native?: boolean;
}

/** The files the pipeline itself looks for (the tree's kind, crate roots), whatever the sources want. */
const PIPELINE_INTEREST = { names: ['Makefile', 'Makefile.build', 'Kbuild', 'Kconfig', 'Cargo.toml', 'lib.rs'] };

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

  progress({ phase: 'walk', done: 0 });
  const cache = options.cacheDir !== undefined ? openCache(options, sources) : undefined;
  const previous = cache?.load();
  if (cache) phase('cacheLoad');

  // 1. The files of the tree that some source may want (a walk, git's listing, or the cached walk).
  const reader = await openTree(options.tree, {
    ...(options.rev !== undefined ? { rev: options.rev } : {}),
    followSymlinks: options.followSymlinks ?? false,
    select: fileSelector([PIPELINE_INTEREST, ...sources.map((s) => s.interest)]),
    // Every scan with a cache keeps its walk, so that the next one can tell an unchanged tree by a stat per
    // directory. The first keeps no directory listings (~0.9 MB of JSON on 6.12, 20-30 ms, which would make a new
    // user's first scan the slowest): a walk after a change then reads every directory, and keeps them.
    ...(cache ? { stampFiles: true, walkCache: { ...(previous?.walk !== undefined ? { previous: previous.walk } : {}), listings: previous !== undefined } } : {}),
    ...(options.trustBeforeMs !== undefined ? { trustBeforeMs: options.trustBeforeMs } : {}),
    ...(options.native === false ? { native: false } : {}),
    whileListing: () => {
      for (const s of sources) s.warmUp?.();
    },
  });
  phase('walk');
  progress({ phase: 'walk', done: reader.fileCount, total: reader.fileCount });
  const ctx = await scanContext(reader);
  const sameKind = previous !== undefined && previous.treeKind === ctx.treeKind;

  // 2. Which sources want which file: the last plan when the kept files are the same (an unchanged walk, or the
  // same listing from git).
  const listing = cache && !reader.walkCache ? reader.files.join('\n') : undefined;
  const sameFiles = reader.walkUnchanged === true || (listing !== undefined && previous?.listing === listing);
  const samePlan = sameFiles && sameKind && previous.plan !== undefined;
  const plan = (samePlan ? decodePlan(previous.plan!, reader.files, sources) : undefined) ?? makePlan(reader.files, sources, ctx);
  phase('plan');

  // 3. Facts from each file: read, or unchanged since the last scan.
  const cached = cache ? new CachedFiles(sameKind ? previous.files : '') : undefined;
  progress({ phase: 'scan', done: 0, total: plan.length });
  const collected = await collectFiles(plan, reader, sources, ctx, cached, (done, detail) => progress({ phase: 'scan', done, total: plan.length, detail }));
  phase('files');

  // Written only when something changed: an unchanged tree costs no write.
  if (cache && (!sameKind || !samePlan || collected.filesRead > 0 || (reader.walkCache && !reader.walkUnchanged) || cached!.size !== collected.nextFiles.size)) {
    const next: ScanCacheData = { treeKind: ctx.treeKind, files: encodeFiles(collected.nextFiles) };
    if (reader.walkCache) {
      next.walk = reader.walkCache;
      next.plan = encodePlan(plan, reader.files);
    } else if (listing !== undefined && !reader.files.some((f) => f.includes('\n'))) {
      next.listing = listing;
      next.plan = encodePlan(plan, reader.files);
    }
    cache.save(next);
    phase('cacheSave');
  }

  // 4. Facts across files, then one document.
  const all: SourceFacts[] = [];
  for (const [source, facts] of collected.perSource) {
    all.push(...facts);
    if (source.finalize) all.push(source.finalize(facts, ctx));
  }
  const stats: ScanSnapshot['stats'] = { filesConsidered: reader.fileCount, filesRead: collected.filesRead, ...(cache ? { filesFromCache: collected.filesFromCache } : {}), elapsedMs: 0 };
  const snapshot = assembleSnapshot(options, ctx.treeKind, all, [...reader.diagnostics, ...collected.diagnostics], stats);
  phase('finish');
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

function openCache(options: ScanOptions, sources: ScanSource[]) {
  let real: string;
  try {
    real = realpathSync(options.tree);
  } catch {
    return undefined; // openTree says what is wrong with the path
  }
  return openScanCache(options.cacheDir!, real, options.rev !== undefined ? 'git' : 'disk', codeFingerprint(sources.map((s) => s.name)));
}

/** Code-unit order: the same on every machine and locale (and no ICU collator to start up). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byPlace(a: { file: string; line: number; column?: number; name?: string }, b: typeof a): number {
  return compareText(a.file, b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || compareText(a.name ?? '', b.name ?? '');
}

/** A Kconfig `RUSTC_HAS_X` claim is about the gates whose conditions use `CONFIG_RUSTC_HAS_X`. */
function attachKconfigClaims(claims: Claim[], occurrences: Occurrence[]): void {
  for (const c of claims) {
    if (c.kind !== 'kconfig' || !c.symbol) continue;
    for (const o of occurrences) {
      if (o.guards.some((g) => g.type === 'config' && g.symbol === c.symbol) && !c.gates.includes(o.name)) c.gates.push(o.name);
    }
  }
}
