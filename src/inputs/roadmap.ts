/**
 * The inputs of `gatewatch roadmap`: roadmap files (or the bundled roadmap), the registry their gates are linked
 * against and the kernel scan for "still enabled by the kernel". A file or directory the user names must exist
 * (exit 2, as for a tree); a file that cannot be read inside a named directory is a diagnostic.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { didYouMean } from '../core/did-you-mean.js';
import { GatewatchError } from '../core/errors.js';
import { packageRoot } from '../core/package-root.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { Registry } from '../model/registry.js';
import type { RoadmapDocument } from '../model/roadmap.js';
import type { ScanSnapshot } from '../model/scan.js';
import { buildRoadmap } from '../roadmap/build-roadmap.js';
import { decodeRoadmapBytes } from '../roadmap/decode-text.js';
import { roadmapSources } from '../roadmap/sources/index.js';
import type { RoadmapFile, RoadmapSource } from '../roadmap/sources/types.js';
import { buildRegistryInput, resolveRegistryInput, type RegistryInput } from './registry.js';
import { buildScanInput, bundledKernels, resolveScanInput, type ScanInput } from './scan.js';

/** The bundled roadmap directory (data/roadmap). */
const bundledRoadmapDir = join(packageRoot, 'data', 'roadmap');

const ROADMAP_FILE = /\.(toml|md|markdown)$/i;

/** What the roadmap command line names. */
export interface RoadmapRequest {
  files: string[];
  /** A registry document, `none`, or the bundled one when absent. */
  registry?: string | undefined;
  /** A scan document, `none`, or the newest bundled scan when absent. */
  scan?: string | undefined;
  /** A roadmap format to read every file in (`--from`). */
  from?: string | undefined;
  cwd: string;
}

/** The roadmap's inputs, resolved. */
export interface RoadmapInputs {
  /** The paths the user named (absolute, and as given); null for the bundled roadmap. */
  paths: { path: string; label: string }[] | null;
  source: RoadmapSource | undefined;
  registry: RegistryInput;
  scan: ScanInput | null;
  cwd: string;
}

/** Check what the user named before reading it: a known format, paths that exist. */
export function resolveRoadmapInputs(request: RoadmapRequest): RoadmapInputs {
  const names = roadmapSources.map((s) => s.name);
  const source = request.from !== undefined ? roadmapSources.find((s) => s.name === request.from) : undefined;
  if (request.from !== undefined && !source) {
    const near = didYouMean(request.from, names);
    throw new GatewatchError('E_USAGE', `unknown roadmap format '${request.from}'${near ? `; ${near}` : ''}`, { hint: `expected one of ${names.join(', ')}` });
  }
  const paths = request.files.length === 0 ? null : request.files.map((f) => ({ path: resolve(request.cwd, f), label: f }));
  for (const p of paths ?? []) {
    try {
      statSync(p.path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new GatewatchError('E_BAD_INPUT', code === 'ENOENT' ? `no such roadmap file or directory: ${p.label}` : `cannot read ${p.label}: ${code ?? String(e)}`, {
        hint: 'give .toml or .md files or directories of them, or no argument for the bundled roadmap',
      });
    }
  }
  let scan: ScanInput | null = null;
  if (request.scan !== 'none') {
    if (request.scan !== undefined) scan = resolveScanInput({ input: request.scan, cwd: request.cwd, accept: ['document'] });
    else if (bundledKernels().length > 0) scan = resolveScanInput({ cwd: request.cwd, accept: ['bundled'] });
  }
  return { paths, source, registry: resolveRegistryInput({ registry: request.registry, cwd: request.cwd, allowNone: true }), scan, cwd: request.cwd };
}

/** The roadmap document built from the files, with the registry and scan to compute its statuses against. */
export interface RoadmapFacts {
  roadmap: RoadmapDocument;
  registry: Registry | null;
  registryLabel: string | null;
  scan: ScanSnapshot | null;
  scanLabel: string | null;
}

/** Read the files (directories expanded), build the roadmap document, and read the registry and the scan. */
export async function buildRoadmapInputs(inputs: RoadmapInputs): Promise<RoadmapFacts> {
  const read = readRoadmapFiles(inputs);
  const roadmap = buildRoadmap(read.files, inputs.source ? { source: inputs.source } : {});
  roadmap.diagnostics.unshift(...read.diagnostics);
  const { registry, label: registryLabel } = await buildRegistryInput(inputs.registry);
  const scan = inputs.scan ? await buildScanInput(inputs.scan) : null;
  const scanLabel = inputs.scan && scan ? `${inputs.scan.kind === 'bundled' ? `bundled data/scans/${basename(inputs.scan.path)}` : inputs.scan.label} (${scan.kernelVersion ? `kernel ${scan.kernelVersion}` : scan.tree})` : null;
  return { roadmap, registry, registryLabel, scan, scanLabel };
}

/**
 * The roadmap document a report joins its gates with: the files named (`report --roadmap`), else the bundled
 * roadmap; its reading problems stay in the document's diagnostics.
 */
export function buildRoadmapDocument(files: string[] | null, cwd: string): RoadmapDocument {
  const inputs = resolveRoadmapInputs({ files: files ?? [], registry: 'none', scan: 'none', cwd });
  const read = readRoadmapFiles(inputs);
  const roadmap = buildRoadmap(read.files);
  roadmap.diagnostics.unshift(...read.diagnostics);
  return roadmap;
}

/** What a path is, links followed; `other` for a FIFO, socket or device, which is never opened (a FIFO would block). */
function kindOf(path: string): 'file' | 'directory' | 'other' {
  const st = statSync(path);
  return st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
}

/**
 * Every roadmap file under a directory, sorted, so the order (and duplicates' "first") is stable. Only regular
 * files are listed; a roadmap-named entry that is something else is reported in `skipped`.
 */
function filesUnder(dir: string, skipped: string[]): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    let kind: ReturnType<typeof kindOf>;
    try {
      kind = e.isSymbolicLink() ? kindOf(p) : e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other';
    } catch {
      // A dangling link: its read says what is wrong with it.
      kind = 'file';
    }
    if (kind === 'directory') out.push(...filesUnder(p, skipped));
    else if (ROADMAP_FILE.test(e.name) && e.name.toLowerCase() !== 'readme.md') (kind === 'file' ? out : skipped).push(p);
  }
  return out;
}

/** The files named (directories expanded) or the bundled roadmap; what cannot be read becomes a diagnostic. */
function readRoadmapFiles(inputs: RoadmapInputs): { files: RoadmapFile[]; diagnostics: Diagnostic[] } {
  const files: RoadmapFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const bundled = inputs.paths === null;
  const roots = inputs.paths ?? [{ path: bundledRoadmapDir, label: bundledRoadmapDir }];
  for (const root of roots) {
    const label = (p: string) => (bundled ? relative(packageRoot, p).split('\\').join('/') : p === root.path ? root.label : relative(inputs.cwd, p) || p);
    let list: string[];
    const skipped: string[] = [];
    try {
      const kind = kindOf(root.path);
      list = kind === 'directory' ? filesUnder(root.path, skipped) : kind === 'file' ? [root.path] : [];
      if (kind === 'other') skipped.push(root.path);
    } catch (e) {
      diagnostics.push(diagnostic('roadmap/unreadable', 'error', `cannot read ${label(root.path)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: label(root.path) }, 'expected a roadmap file (.toml, .md) or a directory of them'));
      continue;
    }
    for (const p of skipped) {
      diagnostics.push(diagnostic('roadmap/not-a-file', 'error', `${label(p)} is not a regular file (a FIFO, socket or device); not read`, { file: label(p) }, 'expected a roadmap file (.toml, .md) or a directory of them'));
    }
    const expanded = list.length !== 1 || list[0] !== root.path;
    for (const p of list) {
      try {
        const decoded = decodeRoadmapBytes(readFileSync(p), label(p));
        diagnostics.push(...decoded.diagnostics);
        files.push({ path: label(p), text: decoded.text, ...(expanded && !bundled ? { fromDirectory: true } : {}) });
      } catch (e) {
        diagnostics.push(diagnostic('roadmap/unreadable', 'error', `cannot read ${label(p)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: label(p) }));
      }
    }
  }
  if (files.length === 0 && diagnostics.length === 0 && !bundled) {
    throw new GatewatchError('E_BAD_INPUT', `no roadmap files in ${inputs.paths!.map((p) => p.label).join(', ')}`, { hint: 'give .toml or .md files, or no argument for the bundled roadmap' });
  }
  return { files, diagnostics };
}
