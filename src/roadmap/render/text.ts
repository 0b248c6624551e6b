import pc from 'picocolors';
import { formatPlace, type Diagnostic } from '../../model/diagnostic.js';
import { WANTED_CATEGORIES, type LinkedRoadmap } from '../../model/roadmap.js';
import { renderTable } from '../../reporters/table.js';
import type { Reporter } from '../../reporters/types.js';
import { CATEGORY_LABELS } from '../compute-status.js';
import { renderComputed } from './describe.js';

/** Diagnostics as `file:line: severity message [code]` lines with hints. */
export function renderDiagnosticLines(ds: Diagnostic[], colour: boolean): string[] {
  const c = pc.createColors(colour);
  return ds.map((d) => {
    const sev = d.severity === 'error' ? c.red(d.severity) : d.severity === 'warning' ? c.yellow(d.severity) : c.dim(d.severity);
    return `  ${formatPlace(d) || '-'}: ${sev} ${d.message} [${d.code}]${d.hint ? `\n    hint: ${d.hint}` : ''}`;
  });
}

/** The linked roadmap as readable tables: goals, wanted items by category, other topics, findings, coverage. */
export const renderRoadmapText: Reporter<LinkedRoadmap> = (r, { colour }) => {
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
    out.push(renderTable(['goal', 'timespan', 'gates', 'written', 'computed'], r.goals.map((g) => [g.title, g.timespan ?? '', gates(g.gates), g.written.status ?? '', renderComputed(g.computed)])));
  }
  for (const cat of WANTED_CATEGORIES) {
    const items = r.wanted.filter((w) => w.category === cat);
    if (items.length === 0) continue;
    out.push(c.bold(`Wanted: ${CATEGORY_LABELS[cat]} (${items.length})`));
    out.push(renderTable(['item', 'kind', 'gates', 'computed'], items.map((w) => [w.title.length > 70 ? w.title.slice(0, 67) + '...' : w.title, w.kind, gates(w.gates), renderComputed(w.computed)])));
  }
  if (r.otherTopics.length > 0) {
    out.push(c.bold(`Other topics (${r.otherTopics.length})`));
    out.push(renderTable(['rank', 'topic', 'gates', 'computed'], r.otherTopics.map((t) => [String(t.rank), t.title, gates(t.gates), renderComputed(t.computed)])));
  }
  if (r.against.scan) {
    out.push(c.bold('Coverage'));
    out.push(`  kernel gates no roadmap entry covers (${r.coverage.uncoveredKernelGates.length}): ${r.coverage.uncoveredKernelGates.join(', ') || 'none'}`);
  }
  if (r.against.registry) out.push(`  entries whose gates are all stable (${r.coverage.entriesAllStable.length}): ${r.coverage.entriesAllStable.join(', ') || 'none'}`);
  out.push('');
  if (r.findings.length > 0) out.push(c.bold(`Findings (${r.findings.length})`), ...renderDiagnosticLines(r.findings, colour), '');
  if (r.diagnostics.length > 0) out.push(c.bold(`Diagnostics (${r.diagnostics.length})`), ...renderDiagnosticLines(r.diagnostics, colour), '');
  return { output: out.join('\n') + '\n', exitCode: 0 };
};

/** `roadmap check`: every problem with file:line; exit 1 on errors (and on conflicts when asked). */
export function renderRoadmapCheck(r: LinkedRoadmap, options: { colour: boolean; failOnConflicts: boolean }) {
  const problems = [...r.diagnostics, ...r.findings].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  const errors = problems.filter((d) => d.severity === 'error').length;
  const warnings = problems.filter((d) => d.severity === 'warning').length;
  const fail = errors > 0 || (options.failOnConflicts && r.findings.some((f) => f.severity === 'warning'));
  const out = [...renderDiagnosticLines(problems, options.colour), `${r.inputs.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)`];
  return { output: out.join('\n') + '\n', exitCode: fail ? 1 : 0 };
}

/** `roadmap check --json`: the problems as diagnostics. */
export function renderRoadmapCheckJson(r: LinkedRoadmap, options: { failOnConflicts: boolean }) {
  const problems = [...r.diagnostics, ...r.findings];
  const fail = problems.some((d) => d.severity === 'error') || (options.failOnConflicts && r.findings.some((f) => f.severity === 'warning'));
  return { output: JSON.stringify({ schema: r.schema, inputs: r.inputs, problems }, null, 2) + '\n', exitCode: fail ? 1 : 0 };
}
