import pc from 'picocolors';
import type { HistoryDocument } from '../../model/history.js';
import { renderDiagnosticLines, renderDiagnosticSection } from '../diagnostics.js';
import { renderTable } from '../table.js';
import type { Reporter } from '../types.js';
import { burndownLines, eventLines, eventsByRev, POINT_HEADER, pointCells, subject } from './common.js';

/** The history for a terminal: the series as a table, the burndown drawn in cells, the events, the diagnostics. */
export const renderHistoryTerminal: Reporter<HistoryDocument> = (h, options) => {
  const c = pc.createColors(options.colour);
  const out: string[] = [c.bold(subject(h)), ''];
  out.push(renderTable(POINT_HEADER, h.series.map(pointCells)));
  out.push(c.bold('Burndown: gates that still need an unstable compiler at the revision’s own minimum rustc (█), and done ones (░)'));
  out.push(...burndownLines(h).map((l) => `  ${l}`), '');
  const groups = eventsByRev(h);
  if (groups.length > 0) {
    out.push(c.bold('Events'));
    for (const [rev, events] of groups) {
      out.push(`  ${c.bold(rev)} (since ${events[0]!.previousRev})`);
      for (const line of eventLines(events)) out.push(line.startsWith('+') ? c.yellow(`    ${line}`) : line.startsWith('-') ? c.green(`    ${line}`) : c.cyan(`    ${line}`));
    }
    out.push('');
  }
  const pointDiagnostics = h.series.filter((p) => p.diagnostics.length > 0);
  if (pointDiagnostics.length > 0) {
    out.push(c.bold(`Diagnostics (${pointDiagnostics.reduce((n, p) => n + p.diagnostics.length, 0)})`));
    for (const p of pointDiagnostics) out.push(`  ${c.bold(p.rev)}`, ...renderDiagnosticLines(p.diagnostics, options.colour).map((l) => `  ${l}`));
    out.push('');
  }
  out.push(...renderDiagnosticSection(h.diagnostics, options.colour));
  return { output: out.join('\n'), exitCode: 0 };
};
