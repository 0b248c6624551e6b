/**
 * Looking names up in a registry document. Pure (no `node:*` import): the report and the dashboard use it
 * without a toolchain.
 */
import type { Registry, RegistryEntry } from '../model/registry.js';

/** A registry indexed by normalised name. */
export interface RegistryIndex {
  /** The entry for a feature name or a `-Z` flag in any spelling (`-Zx_y`, `-Z x-y`, `-Zx-y=val`). */
  get(name: string): RegistryEntry | undefined;
  /** Every entry, in registry order. */
  readonly entries: readonly RegistryEntry[];
}

/**
 * The one spelling of a name: features as written; flags as `-Zdash-form` without a value.
 * `-Zbinary_dep_depinfo`, `-Z binary-dep-depinfo` and `-Zbinary-dep-depinfo=yes` are one flag.
 */
export function normaliseName(name: string): string {
  const t = name.trim();
  const m = /^-Z\s*([A-Za-z0-9_-]+)/.exec(t);
  if (m) return `-Z${m[1]!.replace(/_/g, '-')}`;
  return t;
}

/** True when the name is a `-Z` flag (in any spelling). */
export function isFlagName(name: string): boolean {
  return /^-Z/.test(name.trim());
}

/** Index a registry for lookups by normalised name. */
export function indexRegistry(reg: Registry): RegistryIndex {
  const map = new Map<string, RegistryEntry>();
  for (const e of reg.features) map.set(normaliseName(e.name), e);
  return {
    get: (name) => map.get(normaliseName(name)),
    entries: reg.features,
  };
}
