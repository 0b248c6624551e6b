import pc from 'picocolors';
import type { Gate } from '../../model/report.js';
import { renderDiagnosticSection } from '../diagnostics.js';
import { renderTable } from '../table.js';
import { foundLine, gateLabel, roadmapText, CLASS_SECTION, CLASS_TITLES, classTitle, classCounts, doneText, percent, plannerVersion, subjectLine, wants, whereText, type ReportReporter } from './common.js';

/** The report for a terminal: gates grouped by class, then planner, done ratio, audit and diagnostics. */
export const renderReportTerminal: ReportReporter = (r, options) => {
  const c = pc.createColors(options.colour);
  const paint: Record<Gate['class'], (s: string) => string> = { error: c.red, unknown: c.magenta, blocker: c.yellow, 'removable-at': c.cyan, removable: c.green };
  const out: string[] = [];
  const found = foundLine(r, options);
  if (found) out.push(c.dim(found));
  out.push(`${c.bold(r.tree)} — ${subjectLine(r)}`);
  out.push(`${r.gates.length} gates: ${classCounts(r)}; ${doneText(r)}`);
  out.push('');
  // The roadmap column appears when the report was joined with a roadmap.
  const withRoadmap = r.roadmapInputs !== undefined;
  for (const [cls, title] of CLASS_TITLES) {
    const gates = r.gates.filter((g) => g.class === cls);
    if (gates.length === 0 || !wants(options, CLASS_SECTION[cls])) continue;
    out.push(paint[cls](c.bold(`${classTitle(cls, title, r)} (${gates.length})`)));
    out.push(
      renderTable(
        ['gate', 'kind', 'since', 'why', 'where', ...(withRoadmap ? ['roadmap'] : [])],
        gates.map((g) => [gateLabel(g), g.registryKind ?? g.kind, g.since ?? '', g.reason, whereText(g), ...(withRoadmap ? [roadmapText(g)] : [])]),
        '  ',
        { width: options.width, shorten: [3, 5], drop: [5, 2, 1] },
      ),
    );
  }
  if (r.gates.length === 0) out.push('No unstable feature or -Z flag is used.\n');
  if (r.planner.length > 0 && wants(options, 'planner')) {
    out.push(c.bold('Planner: gates left if the minimum rustc were'));
    out.push(renderTable(['minimum', 'left', 'drops'], r.planner.map((p) => [plannerVersion(p), String(p.remaining), p.drops.join(', ')])));
  }
  const arches = Object.entries(r.done.perArch);
  if (arches.length > 0 && wants(options, 'done')) {
    out.push(c.bold('Done by architecture'));
    out.push(renderTable(['arch', 'gates', 'remaining', 'done'], arches.map(([a, d]) => [a, String(d.total), String(d.remaining), percent(d.ratio)])));
  }
  if (wants(options, 'audit') && (r.audit.length > 0 || options.only !== undefined)) {
    const wrong = r.audit.filter((a) => a.verdict === 'wrong').length;
    out.push(c.bold(`Audit of the tree's own claims: ${wrong} wrong of ${r.audit.length}`));
    if (r.audit.length === 0) out.push('  the tree makes no claim about its gates that could be checked\n');
    else out.push(
      renderTable(
        ['verdict', 'gate', 'claim', 'fact', 'where'],
        r.audit.map((a) => [a.verdict, a.gate ?? a.symbol ?? '', a.claimed, a.fact, `${a.file}:${a.line}`]),
        '  ',
        { width: options.width, shorten: [3, 2, 1] },
      ),
    );
  }
  if (wants(options, 'diagnostics')) out.push(...renderDiagnosticSection(r.diagnostics, options.colour));
  return { output: out.join('\n'), exitCode: 0 };
};
