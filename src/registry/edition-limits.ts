/**
 * Features stable only in some editions (https://doc.rust-lang.org/edition-guide/): data/edition-limits.json names
 * each with a small use, and a compiler confirms the editions by compiling that use without a feature gate once
 * per edition (the feature gate itself is accepted in every edition, so only a use tells).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewatchError } from '../core/errors.js';
import { packageFileUrl } from '../core/package-root.js';
import { cleanEnv, runCommand, toolchainLabel, type Toolchain } from './toolchain.js';
import type { FeatureFact, RegistryFacts } from './types.js';

/** The shipped file, resolved next to the package (never the working directory). */
export const EDITION_LIMITS_URL = packageFileUrl('data/edition-limits.json');

/** Every edition a compiler may be asked about, oldest first. */
export const EDITIONS = ['2015', '2018', '2021', '2024'] as const;

/** One curated limit. */
export interface EditionLimit {
  feature: string;
  since: string;
  stableInEditions: string[];
  /** Rust code that uses the feature, compiled as a library crate. */
  use: string;
  source: string;
}

/** Parse the curated document; throws E_BAD_INPUT naming the first bad entry. */
export function parseEditionLimits(text: string, file = 'data/edition-limits.json'): EditionLimit[] {
  const doc = JSON.parse(text) as { features?: unknown };
  if (!Array.isArray(doc.features)) throw new GatewatchError('E_BAD_INPUT', `${file} has no "features" list`);
  return doc.features.map((e: Partial<EditionLimit>, i: number) => {
    const editions = Array.isArray(e.stableInEditions) && e.stableInEditions.every((x) => (EDITIONS as readonly string[]).includes(x)) ? e.stableInEditions : null;
    if (!e.feature || !/^\d+\.\d+\.\d+$/.test(e.since ?? '') || !editions || editions.length === 0 || !e.use || !e.source) {
      throw new GatewatchError('E_BAD_INPUT', `${file}: entry ${i} (${e.feature ?? '?'}) needs feature, since (X.Y.Z), stableInEditions (of ${EDITIONS.join(', ')}), use and source`);
    }
    return e as EditionLimit;
  });
}

/** The curated limits as facts. */
export function collectEditionLimits(text: string = readFileSync(EDITION_LIMITS_URL, 'utf8')): RegistryFacts {
  const facts: FeatureFact[] = parseEditionLimits(text).map((e) => ({ name: e.feature, stableInEditions: e.stableInEditions, at: e.source }));
  return { source: 'curated', label: 'data/edition-limits.json', facts, diagnostics: [], provenance: [{ source: 'curated', detail: `data/edition-limits.json: ${facts.length} features stable only in some editions` }] };
}

/** The editions in which this compiler builds each limit's use without a feature gate. */
export async function probeEditionLimits(toolchain: Toolchain, limits: EditionLimit[]): Promise<RegistryFacts> {
  const dir = await mkdtemp(join(tmpdir(), 'gatewatch-editions-'));
  const facts: FeatureFact[] = [];
  try {
    for (const [i, limit] of limits.entries()) {
      const file = join(dir, `use_${i}.rs`);
      await writeFile(file, limit.use);
      const stableIn: string[] = [];
      for (const edition of EDITIONS) {
        // No RUSTC_BOOTSTRAP: the question is what a stable build accepts.
        const r = await runCommand(toolchain.command, [...toolchain.args, '--crate-type=lib', `--edition=${edition}`, '--emit=metadata', '-o', join(dir, `use_${i}_${edition}.rmeta`), file], { cwd: dir, env: cleanEnv() });
        if (r.error) throw r.error;
        if (r.code === 0) stableIn.push(edition);
      }
      // Compiled in no edition: not stable in this toolchain at all, which the feature probe says better.
      if (stableIn.length > 0) facts.push({ name: limit.feature, stableInEditions: stableIn, at: `compiled without a feature gate in editions ${EDITIONS.join(', ')}` });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const label = toolchainLabel(toolchain);
  return { source: 'compiler-editions', label, facts, diagnostics: [], provenance: [{ source: 'compiler-editions', detail: `${label}: ${limits.length} edition-limited features compiled in ${EDITIONS.length} editions` }] };
}
