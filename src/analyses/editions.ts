/**
 * Gates stable only in some editions (`let_chains`: 2024): removable only in crates built with such an edition,
 * a blocker elsewhere. Pure: reads the scan's crate facts and a registry entry.
 */
import type { RegistryEntry } from '../model/registry.js';
import type { CrateFacts } from '../model/scan.js';

/** Crate name -> edition; `*` is the edition of every crate the tree gives none of its own (the kernel's common flags). */
export function computeCrateEditions(crates: readonly CrateFacts[] | undefined): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const c of crates ?? []) if (!out.has(c.crate)) out.set(c.crate, c.edition);
  return out;
}

/** The edition one use of a gate is built with, or null when the tree does not say. */
export function editionOf(use: { crate: string | null }, editions: ReadonlyMap<string, string>): string | null {
  return (use.crate !== null && use.crate !== '*' ? editions.get(use.crate) : undefined) ?? editions.get('*') ?? null;
}

/**
 * A blocker for a feature stable only in editions some of its uses are not built with ("stable only in edition
 * 2024; crate `kernel` uses edition 2021"), or null when the editions do not change the verdict.
 */
export function computeEditionVerdict(
  entry: RegistryEntry | undefined,
  uses: readonly { crate: string | null }[],
  editions: ReadonlyMap<string, string> | undefined,
): { class: 'blocker'; since: null; reason: string } | null {
  const only = entry?.stableInEditions;
  if (!entry || entry.status !== 'stable' || !only || only.length === 0) return null;
  const outside = uses.map((u) => ({ crate: u.crate, edition: editionOf(u, editions ?? new Map()) })).filter((u) => u.edition === null || !only.includes(u.edition));
  if (outside.length === 0) return null;
  const first = outside[0]!;
  const who = first.crate === null || first.crate === '*' ? 'the crates here' : `crate \`${first.crate}\``;
  const why = first.edition === null ? `the edition of ${who} is unknown` : `${who} ${first.crate === null || first.crate === '*' ? 'use' : 'uses'} edition ${first.edition}`;
  const since = entry.since ? ` (since ${entry.since})` : '';
  return { class: 'blocker', since: null, reason: `stable only in edition ${only.join(' and ')}${since}; ${why}` };
}
