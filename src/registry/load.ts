/**
 * Getting a registry: the bundled data/registry.json shipped in the package, or the registry of a named
 * toolchain, built from its docs and the bundled names and verified by its compiler.
 */
import { existsSync, readFileSync } from 'node:fs';
import { GatewatchError } from '../core/errors.js';
import { packageFileUrl } from '../core/package-root.js';
import type { ProgressListener } from '../core/progress.js';
import { REGISTRY_SCHEMA, type Registry } from '../model/registry.js';
import { buildRegistry, factsFromRegistry } from './build-registry.js';
import { collectRegistryFacts } from './collect.js';
import { collectCuratedFacts } from './curated.js';
import { resolveToolchain, type Toolchain } from './toolchain.js';

/** data/registry.json in the package, resolved from the package root (never the working directory). */
export const BUNDLED_REGISTRY_URL = packageFileUrl('data/registry.json');

/** Check the shape of a registry document just enough to trust it; throws E_BAD_INPUT. */
export function parseRegistryDocument(text: string, file: string): Registry {
  let doc: Partial<Registry>;
  try {
    doc = JSON.parse(text) as Partial<Registry>;
  } catch (e) {
    throw new GatewatchError('E_BAD_INPUT', `${file} is not JSON: ${(e as Error).message}`);
  }
  if (doc.schema !== REGISTRY_SCHEMA || !Array.isArray(doc.features)) {
    throw new GatewatchError('E_BAD_INPUT', `${file} is not a registry document; expected schema ${REGISTRY_SCHEMA} with a features list`, { hint: 'regenerate it with `gatewatch registry update`' });
  }
  return doc as Registry;
}

/** The registry shipped with gatewatch (data/registry.json). */
export function loadBundledRegistry(): Registry {
  if (!existsSync(BUNDLED_REGISTRY_URL)) {
    throw new GatewatchError('E_BAD_INPUT', 'the bundled registry data/registry.json is missing from the package', { hint: 'regenerate it with `gatewatch registry update`' });
  }
  return parseRegistryDocument(readFileSync(BUNDLED_REGISTRY_URL, 'utf8'), 'data/registry.json');
}

/** The `toolchain` field of a registry document for a toolchain. */
export function toolchainInfo(t: Toolchain): NonNullable<Registry['toolchain']> {
  return { name: t.name, version: t.version, ...(t.date ? { date: t.date } : {}), channel: t.channel };
}

/**
 * The registry of one toolchain: bundled names and the curated flag history, the toolchain's Unstable Book and
 * release notes, all verified by its compiler in one batch.
 */
export async function buildToolchainRegistry(toolchain: Toolchain, options: { bundled?: Registry | null; onProgress?: ProgressListener; now?: Date } = {}): Promise<Registry> {
  const bundled = options.bundled === undefined ? (existsSync(BUNDLED_REGISTRY_URL) ? loadBundledRegistry() : null) : options.bundled;
  const seed = [...(bundled ? [factsFromRegistry(bundled)] : []), ...collectCuratedFacts()];
  const facts = await collectRegistryFacts({ toolchain, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }, seed);
  return buildRegistry(facts, { toolchain: toolchainInfo(toolchain), generatedAt: (options.now ?? new Date()).toISOString() });
}

/** The bundled registry, or (with `toolchain`) the registry of that toolchain verified by its compiler. */
export async function loadRegistry(opts: { toolchain?: string; onProgress?: ProgressListener }): Promise<Registry> {
  if (opts.toolchain === undefined) return loadBundledRegistry();
  const toolchain = await resolveToolchain(opts.toolchain);
  return buildToolchainRegistry(toolchain, opts.onProgress ? { onProgress: opts.onProgress } : {});
}
