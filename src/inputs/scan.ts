/**
 * The one resolver of a scan a command reads: a tree to scan now (a directory, or a git revision of a repository),
 * a saved scan document, or a scan bundled with gatewatch (a kernel version, or the newest). `resolve` decides what
 * the user named without reading it; `build` produces the scan document.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewatchError } from '../core/errors.js';
import { packageFileUrl } from '../core/package-root.js';
import type { ProgressListener } from '../core/progress.js';
import { compareRustVersions } from '../core/rust-version.js';
import type { ScanSnapshot } from '../model/scan.js';
import { buildScan } from '../scan/build-scan.js';
import type { Store } from '../store/store.js';

/** Where a scan comes from. `label` is what documents and messages call it. */
export type ScanInput =
  | { kind: 'tree'; path: string; label: string; rev?: string }
  | { kind: 'document'; path: string; label: string }
  | { kind: 'bundled'; path: string; label: string };

/** The kinds of scan input a command accepts. */
type ScanInputKind = ScanInput['kind'];

/** data/scans/ of the package. */
const bundledScansDir = fileURLToPath(packageFileUrl('data/scans/'));

const BUNDLED_SCAN = /^linux-([\d.]+)\.json$/;

/** Kernel versions of the bundled scans (data/scans/linux-<version>.json), newest first. */
export function bundledKernels(): string[] {
  const files = existsSync(bundledScansDir) ? readdirSync(bundledScansDir) : [];
  return files.flatMap((f) => BUNDLED_SCAN.exec(f)?.[1] ?? []).sort((a, b) => compareRustVersions(b, a));
}

/** The bundled scan of one kernel (`--kernel 6.1`), or of the newest one. */
export function bundledScanPath(kernel?: string): string {
  const kernels = bundledKernels();
  if (kernels.length === 0) {
    throw new GatewatchError('E_BAD_INPUT', `no bundled kernel scan in ${bundledScansDir}`, { hint: 'run `npm run bundle`, or give a tree or a scan document' });
  }
  const version = kernel ?? kernels[0]!;
  if (!kernels.includes(version)) throw new GatewatchError('E_USAGE', `no bundled scan of kernel ${version}`, { hint: `bundled kernels: ${kernels.join(', ')}` });
  return join(bundledScansDir, `linux-${version}.json`);
}

/** What the user named: a path (tree or document), a git revision of it, a bundled kernel; none for the newest bundled scan. */
export interface ScanRequest {
  input?: string | undefined;
  rev?: string | undefined;
  kernel?: string | undefined;
  /** What documents and headers call a tree (`--label`); default: its directory's name, plus `@rev`. */
  label?: string | undefined;
  cwd: string;
  /** Kinds the command accepts (all by default); another is a usage error. */
  accept?: readonly ScanInputKind[];
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/** Decide which scan the user named, without reading it. Throws E_USAGE for a combination that names none. */
export function resolveScanInput(request: ScanRequest): ScanInput {
  const { input, rev, kernel, cwd } = request;
  const accept = request.accept ?? ['tree', 'document', 'bundled'];
  if (input !== undefined && kernel !== undefined) throw new GatewatchError('E_USAGE', 'give a tree or scan document, or --kernel, not both');
  if (input === '') throw new GatewatchError('E_USAGE', 'the tree is an empty path', { hint: 'give the directory to scan, e.g. `.`' });
  let resolved: ScanInput;
  if (input === undefined) {
    const path = bundledScanPath(kernel);
    resolved = { kind: 'bundled', path, label: path };
  } else {
    const path = resolve(cwd, input);
    if (!accept.includes('tree') && !isFile(path)) {
      throw new GatewatchError('E_BAD_INPUT', `no such scan document: ${input}`, { hint: 'write one with `gatewatch scan --json <tree> > scan.json`' });
    }
    if ((input.endsWith('.json') || !accept.includes('tree')) && isFile(path)) {
      if (rev !== undefined) throw new GatewatchError('E_USAGE', `--rev reads a git repository, and ${input} is a scan document`);
      resolved = { kind: 'document', path, label: input };
    } else {
      // Never the local path: a report pasted into an issue or a baseline committed to a repository names the tree
      // by what it is, wherever it was checked out.
      const label = request.label ?? `${basename(path) || path}${rev !== undefined ? `@${rev}` : ''}`;
      resolved = { kind: 'tree', path, label, ...(rev !== undefined ? { rev } : {}) };
    }
  }
  if (!accept.includes(resolved.kind)) {
    const expected = accept.map((k) => (k === 'tree' ? 'a tree' : k === 'document' ? 'a scan document (.json)' : 'a bundled scan')).join(' or ');
    throw new GatewatchError('E_USAGE', `expected ${expected}, received ${input === undefined ? 'none' : `\`${input}\``}`);
  }
  return resolved;
}

/** How to build a scan of a tree. */
export interface BuildScanInputOptions {
  onProgress?: ProgressListener;
  /** Facts kept between runs (src/store/); none when absent. */
  store?: Store | undefined;
  followSymlinks?: boolean;
}

/** The scan an input names: the tree scanned now, or the document read and checked against its schema. */
export async function buildScanInput(input: ScanInput, options: BuildScanInputOptions = {}): Promise<ScanSnapshot> {
  if (input.kind !== 'tree') {
    // The schema compiler (ajv) is loaded for documents only: a scan of a tree never needs it.
    const { readDocument } = await import('../core/schemas.js');
    return readDocument<ScanSnapshot>('scan', input.path, input.label);
  }
  return buildScan({
    tree: input.path,
    label: input.label,
    ...(input.rev !== undefined ? { rev: input.rev } : {}),
    ...(options.followSymlinks !== undefined ? { followSymlinks: options.followSymlinks } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.store !== undefined ? { store: options.store } : {}),
  });
}
