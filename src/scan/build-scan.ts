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
import { decodeFile } from './decode.js';
import { openTree } from './tree.js';
import { loadRustParser } from '../rust/parser.js';

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
}

const READ_BATCH = 512;

/**
 * File kinds no source reads (C, headers, assembly, device trees, documentation, objects): ~80% of a kernel tree's
 * 90k files, skipped before asking every source. A source that ever needs one of them removes it here.
 */
const NEVER_READ = new Set(['c', 'h', 'S', 's', 'dts', 'dtsi', 'rst', 'txt', 'o', 'a', 'ko', 'png', 'svg', 'json']);

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

  // Compile the parser's WebAssembly in the background while the tree is walked.
  const parserLoading = loadRustParser().catch(() => undefined);
  progress({ phase: 'walk', done: 0 });
  const reader = openTree(options.tree, { ...(options.rev !== undefined ? { rev: options.rev } : {}), followSymlinks: options.followSymlinks ?? false });
  const fileSet = new Set(reader.files);
  const hasFile = (p: string) => fileSet.has(p);
  const treeKind = detectTreeKind(hasFile);
  progress({ phase: 'walk', done: reader.files.length, total: reader.files.length });

  const ctx: ScanContext = { treeKind, hasFile };
  if (treeKind === 'kernel') {
    ctx.crateOf = kernelCrateNamer(hasFile);
  } else {
    // Files outside any Cargo package are named as in a kernel tree: lib.rs by its directory, others by stem.
    const manifests = reader.files.filter((p) => p === 'Cargo.toml' || p.endsWith('/Cargo.toml'));
    const texts = new Map<string, string>();
    for (const [p, b] of await reader.read(manifests)) if (!(b instanceof Error)) texts.set(p, b.toString('utf8'));
    ctx.crateOf = cargoCrateNamer(texts, kernelCrateNamer(hasFile));
  }

  // Plan: which sources want which file. Only these files are ever read.
  const plan: { path: string; sources: ScanSource[] }[] = [];
  for (const path of reader.files) {
    const dot = path.lastIndexOf('.');
    if (dot > path.lastIndexOf('/') && NEVER_READ.has(path.slice(dot + 1))) continue;
    // No array per file: a kernel tree has ~90k files and ~4k of them are wanted.
    let wanting: ScanSource[] | undefined;
    for (const s of sources) if (s.wants(path, ctx)) (wanting ??= []).push(s);
    if (wanting) plan.push({ path, sources: wanting });
  }

  await parserLoading;
  const diagnostics: Diagnostic[] = [...reader.diagnostics];
  const perSource = new Map<ScanSource, SourceFacts[]>(sources.map((s) => [s, []]));
  let filesRead = 0;
  for (let i = 0; i < plan.length; i += READ_BATCH) {
    const batch = plan.slice(i, i + READ_BATCH);
    const contents = await reader.read(batch.map((b) => b.path));
    for (const { path, sources: wanting } of batch) {
      const bytes = contents.get(path);
      if (bytes === undefined || bytes instanceof Error) {
        const code = (bytes as NodeJS.ErrnoException | undefined)?.code;
        diagnostics.push(
          code === 'ELOOP'
            ? diagnostic('scan/symlink-loop', 'warning', 'symbolic link loop: the link resolves to itself', { file: path })
            : diagnostic('scan/unreadable-file', 'error', `could not read file: ${bytes?.message ?? 'unknown error'}`, { file: path }),
        );
        continue;
      }
      filesRead++;
      const decoded = decodeFile(path, bytes);
      if (decoded.diagnostic) diagnostics.push(decoded.diagnostic);
      if (decoded.text === null) continue;
      for (const source of wanting) {
        try {
          perSource.get(source)!.push(await source.collect({ path, text: decoded.text }, ctx));
        } catch (e) {
          // A source must not throw on bad input; if one does, the file is reported and the scan goes on.
          diagnostics.push(diagnostic(`${source.name}/internal-error`, 'error', `could not read this file: ${(e as Error).message}`, { file: path }));
        }
      }
    }
    progress({ phase: 'scan', done: Math.min(i + READ_BATCH, plan.length), total: plan.length, detail: batch.at(-1)?.path ?? '' });
  }

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
    stats: { filesConsidered: reader.files.length, filesRead, elapsedMs: 0 },
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
  diagnostics.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  snapshot.bootstrap.sort(byPlace);
  snapshot.stats.elapsedMs = Math.round(performance.now() - started);
  return snapshot;
}

function byPlace(a: { file: string; line: number; column?: number; name?: string }, b: typeof a): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || (a.name ?? '').localeCompare(b.name ?? '');
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
