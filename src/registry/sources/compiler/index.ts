/**
 * Source 3, the compiler itself: `-Z help` for flags, and one batch probe that verifies every feature name the
 * other sources found (https://doc.rust-lang.org/rustc/json.html). What it says wins over every other source.
 */
import { readFileSync } from 'node:fs';
import { EDITION_LIMITS_URL, parseEditionLimits, probeEditionLimits } from '../../edition-limits.js';
import { toolchainLabel } from '../../toolchain.js';
import type { FeatureFact, RegistryFacts, RegistrySource } from '../../types.js';
import { probeBatch } from './probe-batch.js';
import { collectZHelp } from './z-help.js';

/** The compiler of the toolchain being described. */
export const compilerSource: RegistrySource = {
  name: 'compiler',
  stage: 'verify',
  applies: (inputs) => inputs.toolchain !== undefined,
  async collect(inputs, names) {
    const toolchain = inputs.toolchain!;
    const features = names.filter((n) => !n.startsWith('-'));
    inputs.onProgress?.({ phase: 'probe', done: 0, total: features.length, detail: toolchainLabel(toolchain) });
    const [batch, flags, editions] = await Promise.all([probeBatch(toolchain, features), collectZHelp(toolchain), probeEditionLimits(toolchain, parseEditionLimits(readFileSync(EDITION_LIMITS_URL, 'utf8')))]);
    inputs.onProgress?.({ phase: 'probe', done: features.length, total: features.length });
    const facts: FeatureFact[] = batch.results
      .filter((r) => r.status !== 'invalid')
      .map((r) => ({
        name: r.name,
        status: r.status as FeatureFact['status'],
        since: r.since,
        ...(r.reason ? { reason: r.reason } : {}),
        ...(r.pull ? { pull: r.pull } : {}),
        ...(r.trackingIssue ? { trackingIssue: r.trackingIssue } : {}),
        at: 'probe crate',
      }));
    const probe: RegistryFacts = {
      source: 'compiler',
      label: toolchainLabel(toolchain),
      facts,
      diagnostics: batch.diagnostics,
      provenance: [{ source: 'compiler', detail: `${toolchainLabel(toolchain)}: ${features.length} feature names probed in one batch (${Math.round(batch.elapsedMs)} ms)` }],
    };
    return [probe, flags, editions];
  },
};
