/**
 * The scan pipeline: collect files from the tree -> let each source collect facts from the files it wants ->
 * finalize cross-file facts -> build one ScanSnapshot. Sources live in src/sources/, listed in one index.
 */
import { performance } from 'node:perf_hooks';
import { silent, type ProgressListener } from '../core/progress.js';
import { GATEWATCH_VERSION } from '../core/version.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { SCAN_SCHEMA, type Claim, type Occurrence, type ScanSnapshot } from '../model/scan.js';
import { scanSources } from '../sources/index.js';
import type { ScanContext, ScanSource, SourceFacts } from '../sources/types.js';
import { cargoCrateNamer, kernelCrateNamer } from './crates.js';
import { checkBytes, decodeText } from './decode.js';
import { fileSelector } from './select.js';
import { openTree, type FileRead } from './tree.js';
import {
  answersHold,
  askingContext,
  CACHE_SCHEMA,
  codeFingerprint,
  CachedFiles,
  encodeFiles,
  openScanCache,
  type CachedFile,
  type ScanCacheData,
  type TreeQuestion,
} from './cache.js';
import { realpathSync } from 'node:fs';

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
}

const READ_BATCH = 512;

/**
 * File kinds no source reads (C, headers, assembly, device trees, documentation, objects): ~80% of a kernel tree's
 * 90k files, skipped before asking every source. A source that ever needs one of them removes it here.
 */
const NEVER_READ = new Set(['c', 'h', 'S', 's', 'dts', 'dtsi', 'rst', 'txt', 'o', 'a', 'ko', 'png', 'svg', 'json']);

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

  progress({ phase: 'walk', done: 0 });
  const phasesMs: Record<string, number> = {};
  let lap = started;
  const phase = (name: string) => {
    const now = performance.now();
    phasesMs[name] = Math.round((now - lap) * 10) / 10;
    lap = now;
  };
  const cache = options.cacheDir !== undefined ? openCache(options, sources) : undefined;
  const previous = cache?.load();
  if (cache) phase('cacheLoad');
  const reader = openTree(options.tree, {
    ...(options.rev !== undefined ? { rev: options.rev } : {}),
    followSymlinks: options.followSymlinks ?? false,
    select: fileSelector([PIPELINE_INTEREST, ...sources.map((s) => s.interest)]),
    ...(cache ? { walkCache: previous?.walk !== undefined ? { previous: previous.walk } : {} } : {}),
    ...(options.trustBeforeMs !== undefined ? { trustBeforeMs: options.trustBeforeMs } : {}),
  });
  phase('walk');
  const fileSet = new Set(reader.files);
  const hasFile = (p: string) => fileSet.has(p);
  const treeKind = detectTreeKind(hasFile);
  progress({ phase: 'walk', done: reader.fileCount, total: reader.fileCount });

  const ctx: ScanContext = { treeKind, hasFile };
  if (treeKind === 'kernel') {
    ctx.crateOf = kernelCrateNamer(hasFile);
  } else {
    // Files outside any Cargo package are named as in a kernel tree: lib.rs by its directory, others by stem.
    const manifests = reader.files.filter((p) => p === 'Cargo.toml' || p.endsWith('/Cargo.toml'));
    const texts = new Map<string, string>();
    for (const [p, r] of await reader.read(manifests)) if (!(r instanceof Error)) texts.set(p, r.bytes.toString('utf8'));
    ctx.crateOf = cargoCrateNamer(texts, kernelCrateNamer(hasFile));
  }

  // Plan: which sources want which file. Only these files are ever read. It depends on the listing alone (and the
  // code), so an unchanged walk has the last plan.
  const samePlan = reader.walkUnchanged === true && previous?.plan !== undefined && previous.treeKind === treeKind;
  const plan = (samePlan ? decodePlan(previous.plan!, reader.files, sources) : undefined) ?? makePlan(reader.files, sources, ctx);

  phase('plan');
  const diagnostics: Diagnostic[] = [...reader.diagnostics];
  const perSource = new Map<ScanSource, SourceFacts[]>(sources.map((s) => [s, []]));
  const markerBytes = new Map(sources.map((s) => [s, s.markers?.map((m) => Buffer.from(m, 'utf8'))]));
  const cachedFiles = new CachedFiles(previous !== undefined && previous.treeKind === treeKind ? previous.files : '');
  const nextFiles = new Map<string, CachedFile>();
  let filesRead = 0;
  let filesFromCache = 0;
  for (let i = 0; i < plan.length; i += READ_BATCH) {
    const batch = plan.slice(i, i + READ_BATCH);
    // Files whose cached facts still hold are not read; the rest are, in one go.
    const reuse = new Map<string, CachedFile>();
    if (cache) {
      for (let j = 0; j < batch.length; j++) {
        const { path, sources: wanting } = batch[j]!;
        const old = cachedFiles.get(path, i + j);
        if (old === undefined || !wanting.every((s) => old.sources.includes(s.name))) continue;
        if (reader.stamp(path) !== old.stamp) continue;
        if (wanting.every((s) => answersHold(old.facts?.[s.name]?.asked, ctx))) reuse.set(path, old);
      }
    }
    const contents = await reader.read(batch.filter((b) => !reuse.has(b.path)).map((b) => b.path));
    for (const { path, sources: wanting } of batch) {
      const old = reuse.get(path);
      if (old !== undefined) {
        filesFromCache++;
        nextFiles.set(path, old);
        if (old.diagnostics) diagnostics.push(...old.diagnostics);
        for (const source of wanting) {
          const kept = old.facts?.[source.name];
          if (kept) perSource.get(source)!.push(kept.facts);
        }
        continue;
      }
      const read = contents.get(path);
      if (read === undefined || read instanceof Error) {
        const code = (read as NodeJS.ErrnoException | undefined)?.code;
        diagnostics.push(
          code === 'ELOOP'
            ? diagnostic('scan/symlink-loop', 'warning', 'symbolic link loop: the link resolves to itself', { file: path })
            : diagnostic('scan/unreadable-file', 'error', `could not read file: ${read?.message ?? 'unknown error'}`, { file: path }),
        );
        continue;
      }
      filesRead++;
      const entry = await collectFile(path, read, wanting, ctx, markerBytes, perSource, diagnostics);
      if (cache && read.stamp !== null && entry !== null) nextFiles.set(path, { stamp: read.stamp, ...entry });
    }
    progress({ phase: 'scan', done: Math.min(i + READ_BATCH, plan.length), total: plan.length, detail: batch.at(-1)?.path ?? '' });
  }
  phase('files');
  // Written only when something changed: an unchanged tree costs no write.
  if (cache && (previous === undefined || previous.treeKind !== treeKind || filesRead > 0 || (reader.walkCache && !reader.walkUnchanged) || cachedFiles.size !== nextFiles.size)) {
    const next: ScanCacheData = { schema: CACHE_SCHEMA, code: codeFingerprint(sources.map((s) => s.name)), treeKind, files: encodeFiles(nextFiles) };
    if (reader.walkCache) {
      next.walk = reader.walkCache;
      next.plan = encodePlan(plan, reader.files);
    }
    cache.save(next);
  }

  if (cache) phase('cacheSave');
  const all: SourceFacts[] = [];
  for (const [source, facts] of perSource) {
    all.push(...facts);
    if (source.finalize) all.push(source.finalize(facts, ctx));
  }

  const occurrences: Occurrence[] = [];
  const claims: Claim[] = [];
  const snapshot: ScanSnapshot = {
    schema: SCAN_SCHEMA,
    tree: options.label ?? (options.rev !== undefined ? `${options.tree}@${options.rev}` : options.tree),
    kernelVersion: null,
    rustMinVersion: null,
    occurrences,
    claims,
    diagnostics,
    bootstrap: [],
    toolchainChannel: null,
    treeKind,
    stats: { filesConsidered: reader.fileCount, filesRead, ...(cache ? { filesFromCache } : {}), elapsedMs: 0 },
    generator: { name: 'gatewatch', version: GATEWATCH_VERSION, generatedAt: new Date().toISOString() },
  };
  for (const f of all) {
    if (f.occurrences) occurrences.push(...f.occurrences);
    if (f.claims) claims.push(...f.claims);
    if (f.diagnostics) diagnostics.push(...f.diagnostics);
    if (f.bootstrap) snapshot.bootstrap.push(...f.bootstrap);
    snapshot.kernelVersion ??= f.kernelVersion ?? null;
    snapshot.rustMinVersion ??= f.rustMinVersion ?? null;
    snapshot.toolchainChannel ??= f.toolchainChannel ?? null;
  }
  attachKconfigClaims(claims, occurrences);
  occurrences.sort(byPlace);
  claims.sort(byPlace);
  diagnostics.sort((a, b) => compareText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  snapshot.bootstrap.sort(byPlace);
  phase('finish');
  snapshot.stats.elapsedMs = Math.round(performance.now() - started);
  snapshot.stats.phasesMs = phasesMs;
  return snapshot;
}

type Plan = { path: string; sources: ScanSource[] }[];

/** Which sources want which of the kept files. */
function makePlan(files: readonly string[], sources: readonly ScanSource[], ctx: ScanContext): Plan {
  const plan: Plan = [];
  for (const path of files) {
    const dot = path.lastIndexOf('.');
    if (dot > path.lastIndexOf('/') && NEVER_READ.has(path.slice(dot + 1))) continue;
    // No array per file: a kernel tree has ~90k files and ~4k of them are wanted.
    let wanting: ScanSource[] | undefined;
    for (const s of sources) if (s.wants(path, ctx)) (wanting ??= []).push(s);
    if (wanting) plan.push({ path, sources: wanting });
  }
  return plan;
}

/** A plan as lines aligned with the kept files: the names of the sources that want each (empty: none). */
function encodePlan(plan: Plan, files: readonly string[]): string {
  const wanting = new Map(plan.map((p) => [p.path, p.sources.map((s) => s.name).join(',')]));
  return files.map((f) => wanting.get(f) ?? '').join('\n');
}

/** The inverse of `encodePlan`; undefined when it does not fit `files` or names a source not in `sources`. */
function decodePlan(text: string, files: readonly string[], sources: readonly ScanSource[]): Plan | undefined {
  const lines = files.length === 0 ? [] : text.split('\n');
  if (lines.length !== files.length) return undefined;
  const byName = new Map(sources.map((s) => [s.name, s]));
  // Most files share one of a handful of source lists: make each list once.
  const lists = new Map<string, ScanSource[] | undefined>();
  const plan: Plan = [];
  for (let i = 0; i < lines.length; i++) {
    const names = lines[i]!;
    if (names === '') continue;
    let list = lists.get(names);
    if (!lists.has(names)) {
      const found = names.split(',').map((n) => byName.get(n));
      list = found.every((s) => s !== undefined) ? (found as ScanSource[]) : undefined;
      lists.set(names, list);
    }
    if (list === undefined) return undefined;
    plan.push({ path: files[i]!, sources: list });
  }
  return plan;
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

/**
 * Check one file's bytes and give them to every source that wants it (and finds one of its markers in them).
 * Returns what the cache keeps of it: null when a source failed on it (it is read again next time).
 */
async function collectFile(
  path: string,
  read: FileRead,
  wanting: ScanSource[],
  ctx: ScanContext,
  markerBytes: Map<ScanSource, Buffer[] | undefined>,
  perSource: Map<ScanSource, SourceFacts[]>,
  diagnostics: Diagnostic[],
): Promise<Omit<CachedFile, 'stamp'> | null> {
  const { bytes } = read;
  const entry: Omit<CachedFile, 'stamp'> = { sources: wanting.map((s) => s.name) };
  const checked = checkBytes(path, bytes);
  if (checked.diagnostic) {
    diagnostics.push(checked.diagnostic);
    entry.diagnostics = [checked.diagnostic];
  }
  if (checked.skip) return entry;
  let text: string | undefined;
  let ok = true;
  for (const source of wanting) {
    if (!hasMarker(bytes, markerBytes.get(source))) continue;
    text ??= decodeText(bytes, checked.valid);
    const asked: TreeQuestion[] = [];
    try {
      const facts = await source.collect({ path, text }, askingContext(ctx, asked));
      // Empty facts are not handed on (nor cached): a file with nothing is the same as no file to finalize.
      if (Object.keys(facts).length > 0) perSource.get(source)!.push(facts);
      if (Object.keys(facts).length > 0 || asked.length > 0) (entry.facts ??= {})[source.name] = asked.length > 0 ? { facts, asked } : { facts };
    } catch (e) {
      // A source must not throw on bad input; if one does, the file is reported and the scan goes on.
      diagnostics.push(diagnostic(`${source.name}/internal-error`, 'error', `could not read this file: ${(e as Error).message}`, { file: path }));
      ok = false;
    }
  }
  return ok ? entry : null;
}

/** True when `bytes` hold one of the markers, or when there are none to look for. */
function hasMarker(bytes: Buffer, markers: Buffer[] | undefined): boolean {
  if (!markers) return true;
  for (const m of markers) if (bytes.includes(m)) return true;
  return false;
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
