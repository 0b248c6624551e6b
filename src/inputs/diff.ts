/**
 * The inputs of `gatewatch diff <old> <new>`: two revisions of a git repository (`--repo`), or two trees or scan
 * documents; and the registry both are judged with. `resolve` checks both sides before any scan.
 */
import { resolve } from 'node:path';
import type { ProgressListener } from '../core/progress.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Registry } from '../model/registry.js';
import type { ScanSnapshot } from '../model/scan.js';
import { buildRegistryForScan } from '../registry/registry-for-scan.js';
import { buildScan } from '../scan/build-scan.js';
import type { Store } from '../store/store.js';
import type { DiffSide } from '../analyses/diff.js';
import { openGitRepository, resolveCommit } from '../history/git.js';
import { buildRegistryInput, resolveRegistryInput, type RegistryInput } from './registry.js';
import { buildScanInput, resolveScanInput, type ScanInput } from './scan.js';

/** What the diff command line names. */
export interface DiffRequest {
  old: string;
  new: string;
  repo?: string | undefined;
  registry?: string | undefined;
  toolchain?: string | undefined;
  cwd: string;
}

/** One side of a diff, resolved: a revision of a repository, or a scan input (tree or document). */
type DiffSideInput = { kind: 'rev'; repository: string; label: string; commit: string; tree: string } | { kind: 'scan'; input: ScanInput };

/** The diff's inputs, resolved. */
export interface DiffInputs {
  old: DiffSideInput;
  new: DiffSideInput;
  registry: RegistryInput;
  toolchain: string | undefined;
}

/** Check both sides and the registry; throws one line (E_NO_TREE, E_GIT, E_USAGE, E_BAD_INPUT) naming what is wrong. */
export function resolveDiffInputs(request: DiffRequest): DiffInputs {
  const registry = resolveRegistryInput({ registry: request.registry, toolchain: request.toolchain, cwd: request.cwd });
  const common = { registry, toolchain: request.toolchain };
  if (request.repo !== undefined) {
    const repository = openGitRepository(resolve(request.cwd, request.repo));
    const side = (rev: string): DiffSideInput => ({ kind: 'rev', repository, label: rev, commit: resolveCommit(repository, rev), tree: `${request.repo}@${rev}` });
    return { old: side(request.old), new: side(request.new), ...common };
  }
  const side = (input: string): DiffSideInput => ({ kind: 'scan', input: resolveScanInput({ input, cwd: request.cwd, accept: ['tree', 'document'] }) });
  return { old: side(request.old), new: side(request.new), ...common };
}

/** The two scans and the registry a diff is computed from. */
export interface DiffFacts {
  old: DiffSide;
  new: DiffSide;
  registry: Registry;
  diagnostics: Diagnostic[];
}

/** How to build the two scans. */
interface BuildDiffOptions {
  onProgress?: ProgressListener;
  /** Facts kept between runs (src/store/); absent: every file read. */
  store?: Store | undefined;
}

async function buildSide(side: DiffSideInput, options: BuildDiffOptions): Promise<DiffSide> {
  const cache = options.store !== undefined ? { store: options.store } : {};
  const progress = options.onProgress ? { onProgress: options.onProgress } : {};
  if (side.kind === 'rev') return { label: side.label, scan: await buildScan({ tree: side.repository, rev: side.commit, label: side.tree, ...cache, ...progress }) };
  return { label: side.input.label, scan: await buildScanInput(side.input, { ...cache, ...progress }) };
}

/** Scan (or read) both sides, load the registry, and ask a compiler once about names it lacks. */
export async function buildDiffInputs(inputs: DiffInputs, options: BuildDiffOptions = {}): Promise<DiffFacts> {
  const loaded = await buildRegistryInput(inputs.registry);
  const oldSide = await buildSide(inputs.old, options);
  const newSide = await buildSide(inputs.new, options);
  const given = loaded.registry!;
  if (inputs.registry.kind === 'document') return { old: oldSide, new: newSide, registry: given, diagnostics: [] };
  const union: ScanSnapshot = { ...newSide.scan, occurrences: [...oldSide.scan.occurrences, ...newSide.scan.occurrences] };
  const probed = await buildRegistryForScan(union, given, { toolchain: inputs.toolchain, store: options.store });
  return { old: oldSide, new: newSide, registry: probed.registry, diagnostics: probed.diagnostics };
}
