/**
 * The inputs of `gatewatch site` and `gatewatch serve`: kernel scans (trees scanned now, scan documents, or the
 * bundled scans), the registry, the roadmap, a history, and the browser code the site carries. `resolve` checks
 * what the user named before any work; `build` reads and scans.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GatewatchError } from '../core/errors.js';
import { packageRoot } from '../core/package-root.js';
import type { ProgressListener } from '../core/progress.js';
import { HISTORY_SCHEMA, type HistoryDocument } from '../model/history.js';
import { buildRegistryForScan } from '../registry/registry-for-scan.js';
import type { ScanSnapshot } from '../model/scan.js';
import type { Store } from '../store/store.js';
import { SITE_SCRIPTS, type SiteAssets } from '../site/render-pages.js';
import type { SiteDocuments } from '../site/site-data.js';
import { buildHistoryInputs, resolveHistoryInputs, type HistoryInputs } from './history.js';
import { buildRegistryInput, resolveRegistryInput, type RegistryInput } from './registry.js';
import { buildRoadmapInputs, resolveRoadmapInputs, type RoadmapInputs } from './roadmap.js';
import { bundledKernels, buildScanInput, resolveScanInput, type ScanInput } from './scan.js';

/** What the site command line names. */
export interface SiteRequest {
  trees: string[];
  scans: string[];
  roadmaps: string[];
  history?: string | undefined;
  registry?: string | undefined;
  cwd: string;
}

/** The site's inputs, resolved. */
export interface SiteInputs {
  scans: ScanInput[];
  registry: RegistryInput;
  roadmap: RoadmapInputs;
  /** `--history`: a history document, or a git repository whose release tags make the series. */
  history: { kind: 'document'; path: string; label: string } | { kind: 'repository'; inputs: HistoryInputs; label: string } | null;
}

/** Check what the user named: trees and documents that exist, a history document. Throws before any work. */
export function resolveSiteInputs(request: SiteRequest): SiteInputs {
  const scans: ScanInput[] = [
    ...request.trees.map((t) => resolveScanInput({ input: t, cwd: request.cwd, accept: ['tree'] })),
    ...request.scans.map((s) => resolveScanInput({ input: s, cwd: request.cwd, accept: ['document'] })),
  ];
  if (scans.length === 0) scans.push(...bundledKernels().map((k) => resolveScanInput({ kernel: k, cwd: request.cwd, accept: ['bundled'] })));
  let history: SiteInputs['history'] = null;
  if (request.history !== undefined) {
    const path = resolve(request.cwd, request.history);
    if (existsSync(path) && statSync(path).isFile()) history = { kind: 'document', path, label: request.history };
    else history = { kind: 'repository', inputs: resolveHistoryInputs({ repository: request.history, revs: [], registry: request.registry, cwd: request.cwd }), label: request.history };
  }
  return {
    scans,
    registry: resolveRegistryInput({ registry: request.registry, cwd: request.cwd }),
    roadmap: resolveRoadmapInputs({ files: request.roadmaps, registry: 'none', scan: 'none', cwd: request.cwd }),
    history,
  };
}

/** The documents a site is computed from (all `computeSiteData` reads but the options), and the browser code. */
export interface SiteFacts extends Omit<SiteDocuments, 'sourceUrl' | 'generator'> {
  assets: SiteAssets;
}

/** The browser code as `npm run build` bundles it (scripts/build-web.mjs). */
function readAssets(): SiteAssets {
  const dir = join(packageRoot, 'dist', 'web');
  const read = (file: string) => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch (cause) {
      throw new GatewatchError('E_BAD_INPUT', `the dashboard's browser code is not built (dist/web/${file})`, { cause, hint: 'run `npm run build`' });
    }
  };
  const scripts = Object.fromEntries(SITE_SCRIPTS.map((name) => [name, read(`${name}.js`)])) as SiteAssets['scripts'];
  return { scripts, css: read('app.css') };
}

function readHistory(path: string, label: string): HistoryDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new GatewatchError('E_BAD_INPUT', `cannot read history document ${label}`, { cause, hint: 'expected a gatewatch/history@1 JSON document' });
  }
  const d = doc as Partial<HistoryDocument> | null;
  if (!d || d.schema !== HISTORY_SCHEMA || !Array.isArray(d.series) || !Array.isArray(d.events)) {
    throw new GatewatchError('E_BAD_INPUT', `${label} is not a history document: expected schema ${HISTORY_SCHEMA} with series and events`);
  }
  return d as HistoryDocument;
}

/** Scan or read every scan, load the registry, read the roadmap and the history. */
export async function buildSiteInputs(inputs: SiteInputs, options: { onScanProgress?: ProgressListener; onProgress?: ProgressListener; store?: Store | undefined } = {}): Promise<SiteFacts> {
  const assets = readAssets();
  const scans: ScanSnapshot[] = [];
  for (const s of inputs.scans) {
    scans.push(await buildScanInput(s, { ...(options.onScanProgress ? { onProgress: options.onScanProgress } : {}), store: options.store }));
  }
  const { registry: given } = await buildRegistryInput(inputs.registry, options.onProgress ? { onProgress: options.onProgress } : {});
  const { roadmap } = await buildRoadmapInputs(inputs.roadmap);
  const history = inputs.history?.kind === 'document' ? readHistory(inputs.history.path, inputs.history.label) : null;
  const revisions = inputs.history?.kind === 'repository' ? (await buildHistoryInputs(inputs.history.inputs, { onProgress: options.onProgress, store: options.store })).revisions : null;
  // As `report` and `history` do: one question to the compiler for the names the registry lacks, in every scan.
  const all = [...scans, ...(revisions ?? []).flatMap((r) => (r.scan ? [r.scan] : []))];
  const union: ScanSnapshot = { ...all[all.length - 1]!, occurrences: all.flatMap((s) => s.occurrences) };
  const probed = inputs.registry.kind === 'document' ? { registry: given!, diagnostics: [] } : await buildRegistryForScan(union, given!, { store: options.store });
  return { scans, registry: probed.registry, diagnostics: probed.diagnostics, roadmap, history, revisions, repository: inputs.history?.kind === 'repository' ? inputs.history.label : null, assets };
}
