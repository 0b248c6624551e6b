import type { Registry, RegistryEntry } from '../model/registry.js';
import { indexRegistry, normaliseName } from '../registry/lookup.js';

/** A name -> entry lookup that keeps features and flags apart. */
export interface RegistryIndex {
  /** The entry for a feature name or a flag in any spelling (`-Zfoo_bar` finds `-Zfoo-bar`). */
  get(name: string, kind: 'feature' | 'flag'): RegistryEntry | undefined;
}

/** `-Zfoo_bar`, `-Z foo-bar` and `-Zfoo-bar=x` are one flag to rustc; key them alike (the registry's own rule). */
export function normaliseFlagName(name: string): string {
  return normaliseName(name.startsWith('-Z') ? name : `-Z${name}`);
}

/** Indexes already made: a registry document is never changed once built, and a history judges many scans with one. */
const indexes = new WeakMap<Registry, RegistryIndex>();

/** Index a registry by name with the registry's own normalisation; a feature never matches a flag entry. */
export function buildRegistryIndex(registry: Registry): RegistryIndex {
  let made = indexes.get(registry);
  if (!made) indexes.set(registry, (made = makeRegistryIndex(registry)));
  return made;
}

function makeRegistryIndex(registry: Registry): RegistryIndex {
  const index = indexRegistry(registry);
  return {
    get: (name, kind) => {
      const e = index.get(kind === 'flag' ? normaliseFlagName(name) : name);
      return e && (e.kind === 'flag') === (kind === 'flag') ? e : undefined;
    },
  };
}
