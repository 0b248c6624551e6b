/**
 * The inputs of `gatewatch history`: the revisions of a git repository (named, or its release tags), or the bundled
 * kernel scans; and the registry they are judged with. `resolve` checks what the user named (a repository, each
 * revision, a tag glob that matches) before any scan; `build` scans each revision from git objects, once per tree.
 */
import { resolve } from 'node:path';
import { GatewatchError } from '../core/errors.js';
import type { ProgressListener } from '../core/progress.js';
import { readDocument } from '../core/schemas.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { Registry } from '../model/registry.js';
import type { ScanSnapshot } from '../model/scan.js';
import { buildRegistryForScan } from '../registry/registry-for-scan.js';
import { buildScan } from '../scan/build-scan.js';
import { openScanSession, type ScanSession } from '../scan/scan-session.js';
import type { Store } from '../store/store.js';
import { keepTreeScan, readTreeScan } from '../history/stored-scans.js';
import { openRunStore } from '../history/run-store.js';
import type { HistoryRevision } from '../analyses/history.js';
import { firstWithRust, isReleaseCandidate, listTags, openGitRepository, readCommits, readTagCommits, RELEASE_TAG, resolveCommit, tagsByCommit, type CommitInfo } from '../history/git.js';
import { buildRegistryInput, resolveRegistryInput, type RegistryInput } from './registry.js';
import { bundledKernels, bundledScanPath } from './scan.js';

/** What the history command line names. */
export interface HistoryRequest {
  repository?: string | undefined;
  revs: string[];
  tags?: string | undefined;
  includeRc?: boolean | undefined;
  registry?: string | undefined;
  toolchain?: string | undefined;
  cwd: string;
}

/** One revision to scan, resolved to its commit. */
interface GitRevision {
  rev: string;
  tag: string | null;
  commit: string;
}

/** Where the series comes from. */
type HistorySource =
  | { kind: 'git'; repository: string; label: string; revisions: GitRevision[]; commits?: Map<string, CommitInfo> }
  | { kind: 'bundled'; scans: { label: string; path: string }[] };

/** The history's inputs, resolved. */
export interface HistoryInputs {
  source: HistorySource;
  registry: RegistryInput;
  toolchain: string | undefined;
}

/** The default tag glob: kernel release tags. */
const DEFAULT_TAG_GLOB = 'v*';

/** Check the command line's inputs; throws a one-line E_NO_TREE, E_GIT or E_USAGE naming what is wrong. */
export function resolveHistoryInputs(request: HistoryRequest): HistoryInputs {
  const registry = resolveRegistryInput({ registry: request.registry, toolchain: request.toolchain, cwd: request.cwd });
  const common = { registry, toolchain: request.toolchain };
  if (request.repository === undefined) {
    if (request.tags !== undefined || request.includeRc) throw new GatewatchError('E_USAGE', '--tags and --include-rc choose tags of a git repository: name the repository');
    // Oldest first: bundledKernels lists the newest first.
    const scans = bundledKernels().reverse().map((k) => ({ label: `linux-${k}`, path: bundledScanPath(k) }));
    return { source: { kind: 'bundled', scans }, ...common };
  }
  const repository = openGitRepository(resolve(request.cwd, request.repository));
  if (request.revs.length > 0) {
    if (request.tags !== undefined || request.includeRc) throw new GatewatchError('E_USAGE', 'give revisions or --tags / --include-rc, not both');
    const tags = tagsByCommit(repository);
    const revisions = request.revs.map((rev) => {
      const commit = resolveCommit(repository, rev);
      return { rev, tag: tags.get(commit) ?? null, commit };
    });
    return { source: { kind: 'git', repository, label: request.repository, revisions }, ...common };
  }
  const glob = request.tags ?? DEFAULT_TAG_GLOB;
  const matching = listTags(repository, glob).filter(
    (t) => (request.includeRc || !isReleaseCandidate(t.name)) && (request.tags !== undefined || RELEASE_TAG.test(t.name)),
  );
  if (matching.length === 0) {
    throw new GatewatchError('E_USAGE', `no ${request.includeRc ? '' : 'release '}tag of ${request.repository} matches \`${glob}\`${request.includeRc ? '' : ' (release candidates need --include-rc)'}`);
  }
  // The tags' commits are read with where Rust begins, in one git process, and not read again to scan them.
  const { commits, hasRust } = readTagCommits(repository, matching);
  const from = firstWithRust(hasRust);
  const revisions = matching.slice(from).map((t) => ({ rev: t.name, tag: t.name, commit: t.commit }));
  return { source: { kind: 'git', repository, label: request.repository, revisions, commits }, ...common };
}

/** The scans of a series and the registry to judge them with. */
export interface HistoryFacts {
  revisions: HistoryRevision[];
  registry: Registry;
  /** Asking a compiler about names the registry lacks. */
  diagnostics: Diagnostic[];
}

/** How to build the series' scans. */
export interface BuildHistoryOptions {
  onProgress?: ProgressListener;
  /** Facts kept between runs (src/store/): blobs and whole trees scanned before. Absent: each distinct tree is scanned. */
  store?: Store | undefined;
}

/** Scan every revision (a tree seen before is not scanned again), load the registry, ask a compiler once. */
export async function buildHistoryInputs(inputs: HistoryInputs, options: BuildHistoryOptions = {}): Promise<HistoryFacts> {
  const loaded = await buildRegistryInput(inputs.registry);
  const revisions = inputs.source.kind === 'bundled' ? readBundled(inputs.source.scans) : await scanRevisions(inputs.source, options);
  const given = loaded.registry!;
  const scans = revisions.flatMap((r) => (r.scan ? [r.scan] : []));
  if (inputs.registry.kind === 'document' || scans.length === 0) return { revisions, registry: given, diagnostics: [] };
  // One question to the compiler for every revision's unknown names, not one per revision.
  const union: ScanSnapshot = { ...scans[scans.length - 1]!, occurrences: scans.flatMap((s) => s.occurrences) };
  const probed = await buildRegistryForScan(union, given, { toolchain: inputs.toolchain, store: options.store });
  return { revisions, registry: probed.registry, diagnostics: probed.diagnostics };
}

function readBundled(scans: { label: string; path: string }[]): HistoryRevision[] {
  return scans.map((s) => ({ rev: s.label, tag: null, commit: null, date: null, scan: readDocument<ScanSnapshot>('scan', s.path, s.label), diagnostics: [] }));
}

async function scanRevisions(source: Extract<HistorySource, { kind: 'git' }>, options: BuildHistoryOptions): Promise<HistoryRevision[]> {
  // One repository scanned many times in a row: its kept facts are read once and written once (run-store.ts).
  const store = options.store ? openRunStore(options.store) : undefined;
  // One git process for every revision's objects, and the facts of each blob decoded once for the run.
  const session = openScanSession();
  try {
    return await scanEach(source, store, session, options.onProgress ?? (() => {}));
  } finally {
    session.close();
    store?.flush();
  }
}

async function scanEach(source: Extract<HistorySource, { kind: 'git' }>, store: Store | undefined, session: ScanSession, progress: ProgressListener): Promise<HistoryRevision[]> {
  const commits = source.commits ?? readCommits(source.repository, source.revisions.map((r) => r.commit));
  const byTree = new Map<string, ScanSnapshot>();
  const out: HistoryRevision[] = [];
  const total = source.revisions.length;
  const revOfTree = new Map<string, string>();
  for (const [i, r] of source.revisions.entries()) {
    const info = commits.get(r.commit)!;
    const same = 'tree' in info ? revOfTree.get(info.tree) : undefined;
    progress({ phase: 'history', done: i, total, detail: same !== undefined ? `${r.rev} (same tree as ${same})` : r.rev });
    const base = { rev: r.rev, tag: r.tag, commit: r.commit, date: 'date' in info ? info.date : null };
    if ('error' in info) {
      out.push({ ...base, scan: null, diagnostics: [unreadable(r.rev, info.error)] });
      continue;
    }
    const diagnostics = info.submodules.map((path) =>
      diagnostic('history/submodule-not-scanned', 'warning', `${path} is a submodule: its files live in another repository and are not scanned at ${r.rev}`, { file: path }),
    );
    // An unchanged tree is the same scan: one comparison of tree ids, no listing and no reading.
    const label = `${source.label}@${r.rev}`;
    let scan = byTree.get(info.tree) ?? (store ? readTreeScan(store, info.tree, label) : undefined);
    if (!scan) {
      try {
        scan = await buildScan({ tree: source.repository, rev: r.commit, label, session, ...(store ? { store } : {}) });
        if (store) keepTreeScan(store, info.tree, scan);
        byTree.set(info.tree, scan);
        revOfTree.set(info.tree, r.rev);
      } catch (e) {
        out.push({ ...base, scan: null, diagnostics: [...diagnostics, unreadable(r.rev, e instanceof Error ? e.message : String(e))] });
        continue;
      }
    }
    out.push({ ...base, scan, diagnostics });
  }
  progress({ phase: 'history', done: total, total });
  return out;
}

const unreadable = (rev: string, why: string) =>
  diagnostic('history/unreadable-revision', 'error', `the tree of ${rev} cannot be read: ${why}`, {}, 'a shallow clone lacks old objects: `git fetch --unshallow`, or leave this revision out');
