/** The curated facts shipped in data/ that every registry build starts from. */
import { collectEditionLimits } from './edition-limits.js';
import { collectFlagHistory } from './flag-history.js';
import { collectOutsideLibraryFeatures } from './outside-library.js';
import type { RegistryFacts } from './types.js';

/** Flag history, library features declared outside library/, and edition limits. */
export function collectCuratedFacts(): RegistryFacts[] {
  return [collectFlagHistory(), collectOutsideLibraryFeatures(), collectEditionLimits()];
}
