/**
 * `gatewatch registry update`: regenerate the bundled registry from the newest sources on this machine: the
 * previous bundled names, the curated flag history, an optional rust-lang/rust checkout, and each installed
 * toolchain's docs and compiler. The first toolchain found is the one the document describes; the others add
 * their answers as provenance.
 */
import { diagnostic } from '../model/diagnostic.js';
import type { ProgressListener } from '../core/progress.js';
import { GatewatchError, isGatewatchError } from '../core/errors.js';
import type { Registry } from '../model/registry.js';
import { buildRegistry, factsFromRegistry } from './build-registry.js';
import { collectRegistryFacts } from './collect.js';
import { collectCuratedFacts } from './curated.js';
import { toolchainInfo } from './load.js';
import { collectRustCheckout } from './sources/rust-checkout/index.js';
import { resolveToolchain, toolchainLabel, type Toolchain } from './toolchain.js';
import type { RegistryFacts } from './types.js';

/** What an update reads. */
export interface UpdateOptions {
  /** Toolchains to read, newest first (default: nightly, stable). Absent ones are skipped with a diagnostic. */
  toolchains?: string[];
  checkout?: string;
  /** Read the library sources rendered in the described toolchain's docs when rust-src is absent (slow). */
  libraryDocs?: boolean;
  previous?: Registry | null;
  onProgress?: ProgressListener;
  now?: Date;
}

/** Build the bundled registry from everything reachable here. Throws E_TOOLCHAIN when no toolchain runs. */
export async function buildBundledRegistry(options: UpdateOptions): Promise<Registry> {
  const found: Toolchain[] = [];
  const notes = [];
  for (const name of options.toolchains ?? ['nightly', 'stable']) {
    try {
      found.push(await resolveToolchain(name));
    } catch (e) {
      if (!isGatewatchError(e)) throw e;
      notes.push(diagnostic('registry/toolchain-absent', 'info', `toolchain \`${name}\` is not installed here; its facts are not in this update`));
    }
  }
  const [primary, ...others] = found;
  if (!primary) throw new GatewatchError('E_TOOLCHAIN', `none of the toolchains ${(options.toolchains ?? ['nightly', 'stable']).join(', ')} can be run`, { hint: 'install one with `rustup toolchain install nightly`' });
  const seed: RegistryFacts[] = [];
  if (options.previous) seed.push(factsFromRegistry(options.previous));
  seed.push(...collectCuratedFacts());
  if (options.checkout) seed.push(await collectRustCheckout(options.checkout, (done, total) => options.onProgress?.({ phase: 'parse', done, total })));
  const facts = await collectRegistryFacts({ toolchain: primary, releaseNotes: true, librarySources: true, ...(options.libraryDocs ? { libraryDocs: true } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) }, seed);
  const names: RegistryFacts = { source: 'names', facts: [...new Set(facts.flatMap((s) => s.facts.map((f) => f.name)))].map((name) => ({ name })), diagnostics: [], provenance: [] };
  const secondary: RegistryFacts[] = [];
  for (const t of others) {
    const theirs = await collectRegistryFacts({ toolchain: t, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }, [names]);
    // Only what their own docs and compiler say; their diagnostics describe another toolchain.
    secondary.push(...theirs.filter((s) => s.source !== 'names').map((s) => ({ ...s, diagnostics: [] })));
  }
  const reg = buildRegistry(facts, { toolchain: toolchainInfo(primary), generatedAt: (options.now ?? new Date()).toISOString(), secondary });
  reg.provenance.unshift(...found.map((t) => ({ source: 'toolchain', detail: `${t.name}: ${toolchainLabel(t)}${t === primary ? ' (described)' : ' (provenance only)'}` })));
  reg.diagnostics.push(...notes);
  return reg;
}
