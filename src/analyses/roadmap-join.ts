/**
 * The report joined with the roadmap: for each gate, the roadmap items that name it (project goals, wanted-list
 * items, other topics), with their category and written status, as the Rust-for-Linux tracking issue lists a
 * feature beside the work that removes it. Pure.
 */
import type { GateRoadmapItem, Gate } from '../model/report.js';
import { CATEGORY_LABELS, type GateRef, type Place, type RoadmapDocument } from '../model/roadmap.js';
import { slugify } from '../roadmap/gates-in-text.js';
import { normaliseFlagName } from './registry-index.js';

/** The key a gate and a roadmap reference share: kind, normalised name, and a flag's value when one is written. */
const keyOf = (kind: 'feature' | 'flag', name: string) => (kind === 'flag' ? `flag:${normaliseFlagName(name)}` : `feature:${name}`);

/** Whether a roadmap reference names this gate: the same name, and the same value when both write one. */
function covers(ref: GateRef, gate: Gate): boolean {
  if (keyOf(ref.kind, ref.name) !== keyOf(gate.kind, gate.name)) return false;
  // Cargo's -Z flags are other gates than rustc's of the same name.
  if ((ref.tool === 'cargo') !== gate.occurrences.some((o) => o.tool === 'cargo')) return false;
  return ref.value === undefined || gate.value === undefined || ref.value === gate.value;
}

/** Every item of the roadmap with the gates it names, as the report shows it. */
function roadmapItems(roadmap: RoadmapDocument): { item: GateRoadmapItem; gates: GateRef[] }[] {
  const at = (place: Place | undefined) => (place ? { file: place.file, line: place.line } : {});
  return [
    ...roadmap.goals.map((g) => ({ item: { id: g.id, title: g.title, category: 'goal' as const, writtenStatus: g.status, ...at(g.place) }, gates: g.gates })),
    ...roadmap.wanted.map((w) => ({
      // A wanted item's status is its latest note, else the heading it sits under ("Done", "Required").
      item: { id: w.id, title: w.title, category: w.category, writtenStatus: w.status.at(-1) ?? CATEGORY_LABELS[w.category], ...at(w.place) },
      gates: w.gates,
    })),
    ...roadmap.otherTopics.map((t) => ({
      item: { id: slugify(`topic ${t.roadmap ?? ''} ${t.rank}`), title: t.title, category: 'other-topic' as const, writtenStatus: `rank ${t.rank}`, ...at(t.place) },
      gates: t.gates,
    })),
  ];
}

/** The gates, each with the roadmap items that cover it (absent when none does). */
export function computeGatesWithRoadmap(gates: readonly Gate[], roadmap: RoadmapDocument): Gate[] {
  const items = roadmapItems(roadmap);
  return gates.map((g) => {
    const found = items.filter((i) => i.gates.some((ref) => covers(ref, g))).map((i) => i.item);
    return found.length === 0 ? g : { ...g, roadmap: found };
  });
}
