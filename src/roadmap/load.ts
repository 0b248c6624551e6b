/**
 * The collect stage of `gatewatch roadmap`: read roadmap files (or the bundled roadmap), the registry and the
 * kernel scan to compute against. The only roadmap module that touches the file system.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { GatewatchError } from '../core/errors.js';
import { packageRoot } from '../core/package-root.js';
import { readDocument } from '../core/schemas.js';
import { loadBundledRegistry, parseRegistryDocument } from '../registry/load.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { Registry } from '../model/registry.js';
import type { ScanSnapshot } from '../model/scan.js';
import type { RoadmapFile } from './sources/types.js';

/** The bundled roadmap directory (data/roadmap). */
export const bundledRoadmapDir = join(packageRoot, 'data', 'roadmap');

const ROADMAP_FILE = /\.(toml|md|markdown)$/i;

/** Every roadmap file under a directory, sorted, so the order (and duplicates' "first") is stable. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (ROADMAP_FILE.test(e.name) && e.name.toLowerCase() !== 'readme.md') out.push(p);
  }
  return out;
}

/** Read the files the user named (directories are expanded); unreadable ones become diagnostics. */
export function collectRoadmapFiles(paths: string[], cwd: string): { files: RoadmapFile[]; diagnostics: Diagnostic[] } {
  const files: RoadmapFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const bundled = paths.length === 0;
  const roots = bundled ? [bundledRoadmapDir] : paths.map((p) => resolve(cwd, p));
  roots.forEach((abs, i) => {
    const label = (p: string) => (bundled ? relative(packageRoot, p).split('\\').join('/') : i < paths.length && p === abs ? paths[i]! : relative(cwd, p) || p);
    let list: string[];
    try {
      list = statSync(abs).isDirectory() ? filesUnder(abs) : [abs];
    } catch (e) {
      diagnostics.push(diagnostic('roadmap/unreadable', 'error', `cannot read ${label(abs)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: label(abs) }, 'expected a roadmap file (.toml, .md) or a directory of them'));
      return;
    }
    const expanded = list.length !== 1 || list[0] !== abs;
    for (const p of list) {
      try {
        files.push({ path: label(p), text: readFileSync(p, 'utf8'), ...(expanded && !bundled ? { fromDirectory: true } : {}) });
      } catch (e) {
        diagnostics.push(diagnostic('roadmap/unreadable', 'error', `cannot read ${label(p)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: label(p) }));
      }
    }
  });
  if (files.length === 0 && diagnostics.length === 0 && !bundled)
    throw new GatewatchError('E_USAGE', `no roadmap files in ${paths.join(', ')}`, { hint: 'give .toml or .md files, or no argument for the bundled roadmap' });
  return { files, diagnostics };
}

/** The registry to compute against: a file the user names, else the bundled data/registry.json; `none` for none. */
export function collectRegistry(path: string | undefined, cwd: string): { registry: Registry | null; label: string | null } {
  if (path === 'none') return { registry: null, label: null };
  if (!path) {
    const registry = loadBundledRegistry();
    return { registry, label: `bundled data/registry.json${registry.toolchain ? ` (${registry.toolchain.name} ${registry.toolchain.version})` : ''}` };
  }
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new GatewatchError('E_BAD_INPUT', `cannot read registry ${path}`, { cause: e, hint: 'expected a document written by `gatewatch registry --json`' });
  }
  return { registry: parseRegistryDocument(text, path), label: path };
}

/** The kernel scan to compute against: a file the user names, else the bundled data/scans/linux-6.12.json; `none` for none. */
export function collectScan(path: string | undefined, cwd: string): { scan: ScanSnapshot | null; label: string | null } {
  if (path === 'none') return { scan: null, label: null };
  const file = path ? resolve(cwd, path) : join(packageRoot, 'data', 'scans', 'linux-6.12.json');
  if (!path && !existsSync(file)) return { scan: null, label: null };
  const scan = readDocument<ScanSnapshot>('scan', file, path ?? 'data/scans/linux-6.12.json');
  return { scan, label: `${path ?? 'bundled data/scans/linux-6.12.json'} (${scan.kernelVersion ? `kernel ${scan.kernelVersion}` : scan.tree})` };
}
