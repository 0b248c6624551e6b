/**
 * Run the registry sources: those that find names first, then the compiler with every feature name they found,
 * in one batch.
 */
import { registrySources } from './sources/index.js';
import type { RegistryFacts, RegistryInputs } from './types.js';

/** Facts from every source that applies to these inputs, after the given seed facts (bundled data, curated). */
export async function collectRegistryFacts(inputs: RegistryInputs, seed: RegistryFacts[] = []): Promise<RegistryFacts[]> {
  const out = [...seed];
  for (const source of registrySources.filter((s) => s.stage === 'names' && s.applies(inputs))) {
    out.push(...(await source.collect(inputs, [])));
  }
  const names = [...new Set(out.filter((s) => s.source !== 'release-notes').flatMap((s) => s.facts.map((f) => f.name)))].sort();
  for (const source of registrySources.filter((s) => s.stage === 'verify' && s.applies(inputs))) {
    out.push(...(await source.collect(inputs, names)));
  }
  return out;
}
