/**
 * Resolving names the registry has never seen (for example a gate found by a scan) by asking the real compiler,
 * in one batch.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { probeBatch, type ProbeResult } from './sources/compiler/probe-batch.js';
import type { Store } from '../store/store.js';
import { identifyToolchain, locateToolchain } from './toolchain.js';

/** What one batch probe found, and with which compiler. */
export interface ProbeAnswer {
  /** `1.97.0-nightly` etc. */
  toolchain: { name: string; version: string; date?: string };
  results: ProbeResult[];
  diagnostics: Diagnostic[];
  elapsedMs: number;
}

/**
 * Ask the toolchain's compiler (default: `rustc` on PATH) about feature names in one compile. With a store, an answer
 * is kept by the compiler's `rustc -vV` and the names, and that same compiler is not asked the same names again.
 */
export async function probeFeatures(names: string[], opts: { toolchain?: string; store?: Store | undefined }): Promise<ProbeAnswer> {
  const id = await identifyToolchain(opts.toolchain);
  const key = `registry/probe-answer\0${id.toolchain.name}\0${id.verbose}\0${names.join('\n')}`;
  const kept = opts.store?.getJson(key, isProbeAnswer);
  if (kept) return kept;
  const t = await locateToolchain(id);
  const batch = await probeBatch(t, names);
  const answer: ProbeAnswer = {
    toolchain: { name: t.name, version: t.version, ...(t.date ? { date: t.date } : {}) },
    results: batch.results,
    diagnostics: batch.diagnostics,
    elapsedMs: batch.elapsedMs,
  };
  // An answer with diagnostics (a compile that went wrong) is asked again next time.
  if (answer.diagnostics.length === 0) opts.store?.putJson(key, answer);
  return answer;
}

/** Enough of a kept answer's shape to use it (the store checks its integrity and code version). */
function isProbeAnswer(v: unknown): v is ProbeAnswer {
  const a = v as Partial<ProbeAnswer> | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.toolchain?.name === 'string' &&
    typeof a.toolchain.version === 'string' &&
    Array.isArray(a.results) &&
    a.results.every((r) => typeof r?.name === 'string' && typeof r.status === 'string') &&
    Array.isArray(a.diagnostics) &&
    typeof a.elapsedMs === 'number'
  );
}
