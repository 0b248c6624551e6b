import pc from 'picocolors';
import type { DiffDocument } from '../../model/history.js';
import { renderDiagnosticSection } from '../diagnostics.js';
import { renderTable } from '../table.js';
import type { Reporter } from '../types.js';
import { DIFF_SECTIONS, entryDetail, sideText, summary } from './common.js';

/** The diff for a terminal: both sides, then each list as a table, then the diagnostics. */
export const renderDiffTerminal: Reporter<DiffDocument> = (d, options) => {
  const c = pc.createColors(options.colour);
  const out: string[] = [`${c.bold(sideText(d.old))} -> ${c.bold(sideText(d.new))}`, `${summary(d)}`, ''];
  for (const [key, title] of DIFF_SECTIONS) {
    if (d[key].length === 0) continue;
    out.push(c.bold(`${title} (${d[key].length})`));
    out.push(renderTable(['gate', 'kind', 'detail'], d[key].map((e) => [e.name, e.kind, entryDetail(key, e)])));
  }
  if (DIFF_SECTIONS.every(([k]) => d[k].length === 0)) out.push('No gate was added, removed, moved or reclassified.\n');
  out.push(...renderDiagnosticSection(d.diagnostics, options.colour));
  return { output: out.join('\n'), exitCode: 0 };
};
