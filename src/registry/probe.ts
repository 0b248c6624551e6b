/**
 * Resolving names the registry has never seen (for example a gate found by a scan) by asking the real compiler,
 * in one batch.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { probeBatch, type ProbeResult } from './sources/compiler/probe-batch.js';
import { resolveToolchain } from './toolchain.js';

/** What one batch probe found, and with which compiler. */
export interface ProbeAnswer {
  /** `1.97.0-nightly` etc. */
  toolchain: { name: string; version: string; date?: string };
  results: ProbeResult[];
  diagnostics: Diagnostic[];
  elapsedMs: number;
}

/** Ask the toolchain's compiler (default: `rustc` on PATH) about feature names in one compile. */
export async function probeFeatures(names: string[], opts: { toolchain?: string }): Promise<ProbeAnswer> {
  const t = await resolveToolchain(opts.toolchain);
  const batch = await probeBatch(t, names);
  return {
    toolchain: { name: t.name, version: t.version, ...(t.date ? { date: t.date } : {}) },
    results: batch.results,
    diagnostics: batch.diagnostics,
    elapsedMs: batch.elapsedMs,
  };
}
