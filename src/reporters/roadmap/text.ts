import pc from 'picocolors';
import { CATEGORY_LABELS, WANTED_CATEGORIES, type LinkedRoadmap } from '../../model/roadmap.js';
import { renderDiagnosticSection } from '../diagnostics.js';
import { renderTable } from '../table.js';
import type { Reporter } from '../types.js';
import { renderComputed } from './describe.js';

/** The linked roadmap as readable tables: goals, wanted items by category, other topics, findings, coverage. */
export const renderRoadmapText: Reporter<LinkedRoadmap> = (r, { colour, width }) => {
  const c = pc.createColors(colour);
  const out: string[] = [];
  const gates = (gs: { name: string }[]) => gs.slice(0, 3).map((g) => g.name).join(', ') + (gs.length > 3 ? ` (+${gs.length - 3})` : '');
  out.push(
    `${c.bold('Roadmap')}: ${r.goals.length} goals, ${r.wanted.length} wanted items, ${r.otherTopics.length} other topics from ${r.inputs.length} file(s)`,
    `computed against registry: ${r.against.registry ?? 'none'}; kernel scan: ${r.against.scan ?? 'none'}`,
    '',
  );
  for (const rm of r.roadmaps) out.push(`${c.bold(rm.title)}${rm.pointOfContact ? ` (point of contact: ${rm.pointOfContact})` : ''}${rm.whatAndWhy ? ` — ${rm.whatAndWhy}` : ''}`);
  if (r.goals.length > 0) {
    out.push(c.bold(`Goals (${r.goals.length})`));
    out.push(renderTable(['goal', 'timespan', 'gates', 'written', 'computed'], r.goals.map((g) => [g.title, g.timespan ?? '', gates(g.gates), g.written.status ?? '', renderComputed(g.computed)]), '  ', { width, shorten: [0, 2, 4], drop: [1, 3] }));
  }
  for (const cat of WANTED_CATEGORIES) {
    const items = r.wanted.filter((w) => w.category === cat);
    if (items.length === 0) continue;
    out.push(c.bold(`Wanted: ${CATEGORY_LABELS[cat]} (${items.length})`));
    out.push(renderTable(['item', 'kind', 'gates', 'computed'], items.map((w) => [w.title.length > 70 ? w.title.slice(0, 67) + '...' : w.title, w.kind, gates(w.gates), renderComputed(w.computed)]), '  ', { width, shorten: [0, 2, 3], drop: [1] }));
  }
  if (r.otherTopics.length > 0) {
    out.push(c.bold(`Other topics (${r.otherTopics.length})`));
    out.push(renderTable(['rank', 'topic', 'gates', 'computed'], r.otherTopics.map((t) => [String(t.rank), t.title, gates(t.gates), renderComputed(t.computed)]), '  ', { width, shorten: [1, 2, 3], drop: [0] }));
  }
  if (r.against.scan) {
    out.push(c.bold('Coverage'));
    out.push(`  kernel gates no roadmap entry covers (${r.coverage.uncoveredKernelGates.length}): ${r.coverage.uncoveredKernelGates.join(', ') || 'none'}`);
  }
  if (r.against.registry) out.push(`  entries whose gates are all stable (${r.coverage.entriesAllStable.length}): ${r.coverage.entriesAllStable.join(', ') || 'none'}`);
  out.push('');
  out.push(...renderDiagnosticSection(r.findings, colour, 'Findings'), ...renderDiagnosticSection(r.diagnostics, colour));
  return { output: out.join('\n') + '\n', exitCode: 0 };
};
