import type { DoneCounts, DoneRatio, Gate } from '../model/report.js';

const counts = (gates: readonly Gate[]): DoneCounts => {
  const remaining = gates.filter((g) => g.class === 'blocker' || g.class === 'error').length;
  const total = gates.length;
  return { total, remaining, ratio: total === 0 ? 1 : Math.round(((total - remaining) / total) * 1000) / 1000 };
};

/**
 * The roadmap's finish line is "no more `#![feature(...)]` needed": the share of gates that a new enough stable
 * compiler no longer needs, overall and for each architecture (arch-independent gates count for every one).
 */
export function computeDone(gates: readonly Gate[], arches: readonly string[] = []): DoneRatio {
  const all = new Set(arches);
  for (const g of gates) for (const o of g.occurrences) if (o.arch !== null) all.add(o.arch);
  const perArch: Record<string, DoneCounts> = {};
  for (const arch of [...all].sort()) {
    perArch[arch] = counts(gates.filter((g) => g.occurrences.some((o) => o.arch === null || o.arch === arch)));
  }
  return { ...counts(gates), perArch };
}
