import pc from 'picocolors';
import { formatPlace } from '../../model/diagnostic.js';
import type { Gate, ReportDocument } from '../../model/report.js';
import { renderTable } from '../table.js';
import type { Reporter } from '../types.js';
import { CLASS_TITLES, classCounts, percent, subjectLine, whereText } from './common.js';

/** The report for a terminal: gates grouped by class, then planner, done ratio, audit and diagnostics. */
export const renderReportTerminal: Reporter<ReportDocument> = (r, { colour }) => {
  const c = pc.createColors(colour);
  const paint: Record<Gate['class'], (s: string) => string> = { error: c.red, blocker: c.yellow, 'removable-at': c.cyan, removable: c.green };
  const out: string[] = [];
  out.push(`${c.bold(r.tree)} — ${subjectLine(r)}`);
  out.push(
    `${r.gates.length} gates: ${classCounts(r)}; done ${percent(r.done.ratio)} ` +
      `(${r.done.total - r.done.remaining} of ${r.done.total} need no unstable compiler once the minimum is new enough)`,
  );
  out.push('');
  for (const [cls, title] of CLASS_TITLES) {
    const gates = r.gates.filter((g) => g.class === cls);
    if (gates.length === 0) continue;
    out.push(paint[cls](c.bold(`${title} (${gates.length})`)));
    out.push(
      renderTable(
        ['gate', 'kind', 'since', 'why', 'where'],
        gates.map((g) => [g.name, g.registryKind ?? g.kind, g.since ?? '', g.reason, whereText(g)]),
      ),
    );
  }
  if (r.gates.length === 0) out.push('No unstable feature or -Z flag is used.\n');
  if (r.planner.length > 0) {
    out.push(c.bold('Planner: gates left if the minimum rustc were'));
    out.push(renderTable(['minimum', 'left', 'drops'], r.planner.map((p) => [p.version, String(p.remaining), p.drops.join(', ')])));
  }
  const arches = Object.entries(r.done.perArch);
  if (arches.length > 0) {
    out.push(c.bold('Done by architecture'));
    out.push(renderTable(['arch', 'gates', 'remaining', 'done'], arches.map(([a, d]) => [a, String(d.total), String(d.remaining), percent(d.ratio)])));
  }
  if (r.audit.length > 0) {
    const wrong = r.audit.filter((a) => a.verdict === 'wrong').length;
    out.push(c.bold(`Audit of the tree's own claims: ${wrong} wrong of ${r.audit.length}`));
    out.push(
      renderTable(
        ['verdict', 'gate', 'claim', 'fact', 'where'],
        r.audit.map((a) => [a.verdict, a.gate ?? a.symbol ?? '', a.claimed, a.fact, `${a.file}:${a.line}`]),
      ),
    );
  }
  if (r.diagnostics.length > 0) {
    out.push(c.bold(`Diagnostics (${r.diagnostics.length})`));
    for (const d of r.diagnostics) {
      out.push(`  ${formatPlace(d) || '-'}: ${d.severity} ${d.message} [${d.code}]${d.hint ? `\n    hint: ${d.hint}` : ''}`);
    }
    out.push('');
  }
  return { output: out.join('\n'), exitCode: 0 };
};
