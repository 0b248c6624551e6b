import type { ComputedStatus } from '../../model/roadmap.js';

/** One short phrase for a computed status: `stable since 1.88`, `unstable; kernel enables x`. */
export function renderComputed(c: ComputedStatus): string {
  const base =
    c.state === 'stable'
      ? `stable${c.stableSince ? ` since ${c.stableSince}` : ''}`
      : c.state === 'partly-stable'
        ? `partly stable (${c.gates.filter((g) => g.registry === 'stable').map((g) => `${g.name} ${g.since ?? ''}`.trim()).join(', ')})`
        : c.state === 'removed'
          ? `removed (${c.gates.filter((g) => g.registry === 'removed').map((g) => `${g.name}${g.since ? ` in ${g.since}` : ''}`).join(', ')})`
          : c.state === 'no-gates'
            ? 'no gate'
            : c.state === 'unknown' && c.gates.every((g) => g.proposed)
              ? 'proposed, not in rustc yet'
              : c.state;
  const k = c.stillEnabledByKernel;
  if (k.length === 0) return base;
  return `${base}; kernel enables ${k.length > 4 ? `${k.length} of its ${c.gates.length} gates` : k.join(', ')}`;
}
