/**
 * The registry a report judges a scan with: feature names the registry lacks are asked of a compiler in one
 * batch (the toolchain named, else the one the registry describes when it is installed, else the local `rustc`),
 * and what it says is added (kept in the store, when there is one, for the next run). Without a compiler they stay
 * unknown, with a diagnostic saying so.
 */
import { buildProbedRegistry, computeUnknownFeatureNames } from '../analyses/probed-registry.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { Registry } from '../model/registry.js';
import type { ScanSnapshot } from '../model/scan.js';
import type { Store } from '../store/store.js';
import { probeFeatures } from './probe.js';

/** The registry with what a compiler says about the scan's feature names it lacks, and the diagnostics of asking. */
export async function buildRegistryForScan(
  scan: ScanSnapshot,
  registry: Registry,
  options: { toolchain?: string | undefined; store?: Store | undefined },
): Promise<{ registry: Registry; diagnostics: Diagnostic[] }> {
  const unknown = computeUnknownFeatureNames(scan, registry);
  if (unknown.length === 0) return { registry, diagnostics: [] };
  try {
    // Ask the toolchain the registry describes when it is installed (so "unknown to" names one compiler), else the local rustc.
    const named = options.toolchain ?? registry.toolchain?.name;
    const store = { store: options.store };
    const answer = await probeFeatures(unknown, named !== undefined ? { toolchain: named, ...store } : store).catch((e: unknown) =>
      options.toolchain === undefined && named !== undefined ? probeFeatures(unknown, store) : Promise.reject(e),
    );
    const compiler = `${answer.toolchain.name} ${answer.toolchain.version}`;
    return { registry: buildProbedRegistry(registry, answer.results, compiler), diagnostics: answer.diagnostics };
  } catch (e) {
    const d = diagnostic(
      'report/no-compiler-to-ask',
      'warning',
      `the registry does not know ${unknown.length} feature names (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', ...' : ''}) and no compiler could be asked: ${e instanceof Error ? e.message : String(e)}`,
      {},
      'install rustc, or name one with --toolchain; until then these names are reported as errors',
    );
    return { registry, diagnostics: [d] };
  }
}
