import { describeStatus } from '../../model/registry.js';
import type { ComputedStatus, GateStatus } from '../../model/roadmap.js';

/** `box_syntax in 1.70.0`, or `-Zno-jump-tables: removed; replaced by `-Cjump-tables=n` (stable since 1.93.0)`. */
const renderRemovedGate = (g: GateStatus) =>
  g.replacement ? `${g.name}: ${describeStatus({ status: g.registry, since: g.since, replacement: g.replacement, replacementSince: g.replacementSince })}` : `${g.name}${g.since ? ` in ${g.since}` : ''}`;

/** One short phrase for a computed status: `stable since 1.88`, `unstable; kernel enables x`. */
export function renderComputed(c: ComputedStatus): string {
  const base =
    c.state === 'stable'
      ? `stable${c.stableSince ? ` since ${c.stableSince}` : ''}`
      : c.state === 'partly-stable'
        ? `partly stable (${c.gates.filter((g) => g.registry === 'stable').map((g) => `${g.name} ${g.since ?? ''}`.trim()).join(', ')})`
        : c.state === 'removed'
          ? `removed (${c.gates.filter((g) => g.registry === 'removed').map(renderRemovedGate).join(', ')})`
          : c.state === 'no-gates'
            ? 'no gate'
            : c.state === 'unknown' && c.gates.every((g) => g.proposed)
              ? 'proposed, not in rustc yet'
              : c.state;
  const k = c.stillEnabledByKernel;
  if (k.length === 0) return base;
  return `${base}; kernel enables ${k.length > 4 ? `${k.length} of its ${c.gates.length} gates` : k.join(', ')}`;
}
