/**
 * Names of a registry a query may have meant: the same name in another spelling (`let-chains` for `let_chains`,
 * `binary_dep_depinfo` for `-Zbinary-dep-depinfo`, `-Zlet_chains` for `let_chains`), else a name a typo away.
 * Pure.
 */
import { suggestSimilar } from '../core/did-you-mean.js';
import type { Registry } from '../model/registry.js';
import { indexRegistry, isFlagName } from './lookup.js';

/** A name without its `-Z`, in one spelling: `_` for `-`, lower case. */
const comparable = (name: string) => name.trim().replace(/^-?Z\s*/, '').replace(/-/g, '_').toLowerCase();

/** Registry names the query may have meant, closest first (at most three); empty when it names an entry or none is close. */
export function computeNameSuggestions(query: string, registry: Registry): string[] {
  const index = indexRegistry(registry);
  if (index.get(query)) return [];
  const bare = query.trim().replace(/^-?Z\s*/, '');
  const spellings = [bare.replace(/-/g, '_'), bare.replace(/_/g, '-'), bare, `-Z${bare}`];
  const respelled = [...new Set(spellings.flatMap((s) => index.get(s)?.name ?? []))];
  if (respelled.length > 0) return respelled.slice(0, 3);
  // A typo of a flag is looked for among flags only; a bare word among every name, since it may be a flag without its -Z.
  const byComparable = new Map<string, string[]>();
  for (const e of registry.features) {
    if (isFlagName(query) && e.kind !== 'flag') continue;
    const key = comparable(e.name);
    byComparable.set(key, [...(byComparable.get(key) ?? []), e.name]);
  }
  return [...new Set(suggestSimilar(comparable(query), byComparable.keys()).flatMap((k) => byComparable.get(k)!))].slice(0, 3);
}
