import pc from 'picocolors';
import type { BaselineDiff } from '../../model/report.js';
import { renderDiagnosticSection } from '../diagnostics.js';
import type { Reporter } from '../types.js';
import { checkExitCode } from './exit-code.js';

/** `check` for a terminal: new gates with their places (exit 1), gates that disappeared, then the scan's diagnostics. */
export const renderCheckTerminal: Reporter<BaselineDiff> = (d, { colour }) => {
  const c = pc.createColors(colour);
  const out: string[] = [];
  if (d.added.length === 0) out.push(c.green(`ok: ${d.tree} uses no gate that ${d.baseline} lacks (${d.unchanged} allowed gates still used)`));
  else {
    out.push(c.red(c.bold(`${d.added.length} new gate${d.added.length === 1 ? '' : 's'} that ${d.baseline} lacks:`)));
    for (const g of d.added) {
      const unknown = g.unknown ? ', unknown to rustc: a typo, or newer than the registry?' : '';
      for (const o of g.occurrences) out.push(`  ${o.file}:${o.line}:${o.column}: new ${g.kind} ${g.name}${o.condition ? ` (if ${o.condition})` : ''}${unknown}`);
    }
    out.push(`  accept them with \`gatewatch check ${d.tree} --baseline ${d.baseline} --write-baseline\`, or remove them`);
  }
  if (d.removed.length > 0) {
    out.push(c.bold(`${d.removed.length} gate${d.removed.length === 1 ? '' : 's'} of the baseline no longer used; tighten it with --write-baseline:`));
    for (const g of d.removed) out.push(`  ${g.kind} ${g.name} (was at ${g.locations.join(', ')})`);
  }
  const diagnostics = renderDiagnosticSection(d.diagnostics ?? [], colour);
  if (diagnostics.length > 0) out.push('', ...diagnostics.slice(0, -1));
  return { output: out.join('\n') + '\n', exitCode: checkExitCode(d) };
};
