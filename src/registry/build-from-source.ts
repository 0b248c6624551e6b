/**
 * `gatewatch registry build`: a registry from one source, a rust-lang/rust checkout (optionally verified by a
 * toolchain's compiler) or an installed toolchain (its docs, its library sources when installed, its compiler).
 */
import type { ProgressListener } from '../core/progress.js';
import type { Registry } from '../model/registry.js';
import { buildRegistry } from './build-registry.js';
import { collectRegistryFacts } from './collect.js';
import { collectCuratedFacts } from './curated.js';
import { toolchainInfo } from './load.js';
import { collectRustCheckout } from './sources/rust-checkout/index.js';
import { resolveToolchain } from './toolchain.js';

/** The one source to build from: a checkout (with a toolchain that only verifies), or a toolchain. */
export type RegistrySource = { kind: 'checkout'; path: string; verifyWith?: string | undefined } | { kind: 'toolchain'; name: string };

/** Build the registry of one source, with the curated flag history. */
export async function buildRegistryFromSource(source: RegistrySource, options: { onProgress?: ProgressListener; now?: Date } = {}): Promise<Registry> {
  const onProgress = options.onProgress ?? (() => {});
  const toolchainName = source.kind === 'toolchain' ? source.name : source.verifyWith;
  const toolchain = toolchainName !== undefined ? await resolveToolchain(toolchainName) : undefined;
  const seed = collectCuratedFacts();
  if (source.kind === 'checkout') seed.push(await collectRustCheckout(source.path, (done, total) => onProgress({ phase: 'parse', done, total })));
  const facts = await collectRegistryFacts(
    source.kind === 'checkout' ? { ...(toolchain ? { toolchain } : {}), onProgress } : { toolchain: toolchain!, releaseNotes: true, librarySources: true, onProgress },
    seed,
  );
  // From a checkout, a toolchain only verifies: its docs are not read.
  const used = source.kind === 'checkout' ? facts.filter((f) => f.source !== 'unstable-book' && f.source !== 'release-notes') : facts;
  return buildRegistry(used, { toolchain: toolchain ? toolchainInfo(toolchain) : null, generatedAt: (options.now ?? new Date()).toISOString() });
}
