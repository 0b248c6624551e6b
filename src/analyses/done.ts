import type { DoneCounts, DoneRatio, Gate } from '../model/report.js';

/** What identifies a gate across two classifications of the same tree. */
const idOf = (g: Gate) => `${g.kind}:${g.gate ?? g.name}`;

const counts = (needed: readonly Gate[], done: ReadonlySet<Gate>): DoneCounts => {
  const total = needed.length;
  let remaining = 0;
  for (const g of needed) if (!done.has(g)) remaining++;
  return { total, remaining, ratio: total === 0 ? 1 : Math.round(((total - remaining) / total) * 1000) / 1000 };
};

/**
 * The done ratio (README, "The done ratio"): of the gates the tree needs at its own minimum rustc and
 * configuration (`needed`), the share that needs no unstable compiler at the chosen minimum, where `atChosen`
 * holds the same tree's gates classified at that minimum. A gate is done there when it is `removable`, or when
 * it is absent (used only with older compilers). Raising the minimum only ever adds done gates, so the ratio
 * never falls as `--rustc` rises. Per architecture, gates every architecture builds count for each one.
 */
export function computeDone(needed: readonly Gate[], atChosen: readonly Gate[], arches: readonly string[] = []): DoneRatio {
  const chosen = new Map(atChosen.map((g) => [idOf(g), g]));
  // Each gate judged once, whatever the number of architectures it is counted for.
  const done = new Set(
    needed.filter((g) => {
      const there = chosen.get(idOf(g));
      return there === undefined || there.class === 'removable';
    }),
  );
  const all = new Set(arches);
  for (const g of needed) for (const a of g.arches ?? []) all.add(a);
  const perArch: Record<string, DoneCounts> = {};
  for (const arch of [...all].sort()) {
    perArch[arch] = counts(
      needed.filter((g) => g.arches === undefined || g.arches.includes(arch)),
      done,
    );
  }
  return { ...counts(needed, done), perArch };
}
