import pc from 'picocolors';
import type { BaselineDiff } from '../../model/report.js';
import type { Reporter } from '../types.js';

/** `check` for a terminal: new gates with their places (exit 1), then gates that disappeared. */
export const renderCheckTerminal: Reporter<BaselineDiff> = (d, { colour }) => {
  const c = pc.createColors(colour);
  const out: string[] = [];
  if (d.added.length === 0) out.push(c.green(`ok: ${d.tree} uses no gate that ${d.baseline} lacks (${d.unchanged} allowed gates still used)`));
  else {
    out.push(c.red(c.bold(`${d.added.length} new gate${d.added.length === 1 ? '' : 's'} that ${d.baseline} lacks:`)));
    for (const g of d.added) {
      for (const o of g.occurrences) out.push(`  ${o.file}:${o.line}:${o.column}: new ${g.kind} ${g.name}${o.condition ? ` (if ${o.condition})` : ''}`);
    }
  }
  if (d.removed.length > 0) {
    out.push(c.bold(`${d.removed.length} gate${d.removed.length === 1 ? '' : 's'} of the baseline no longer used; tighten it with --write-baseline:`));
    for (const g of d.removed) out.push(`  ${g.kind} ${g.name} (was at ${g.locations.join(', ')})`);
  }
  return { output: out.join('\n') + '\n', exitCode: d.added.length > 0 ? 1 : 0 };
};

/** `check --json`: the difference document; the exit code is the same as the terminal's. */
export const renderCheckJson: Reporter<BaselineDiff> = (d) => ({ output: JSON.stringify(d, null, 2) + '\n', exitCode: d.added.length > 0 ? 1 : 0 });
