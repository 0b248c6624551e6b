import type { PhrasingContent, RootContent } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { DiffDocument, DiffEntry } from '../../model/history.js';
import type { Reporter } from '../types.js';
import { DIFF_SECTIONS, sideText, summary } from './common.js';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });

/** Uses as inline code places, the first five and how many more. */
function places(list: DiffEntry['before']): PhrasingContent[] {
  const parts: PhrasingContent[] = [];
  list.slice(0, 5).forEach((o, i) => {
    if (i > 0) parts.push(text(', '));
    parts.push(code(`${o.file}:${o.line}`));
  });
  if (list.length > 5) parts.push(text(` and ${list.length - 5} more`));
  return parts;
}

function item(section: (typeof DIFF_SECTIONS)[number][0], e: DiffEntry): PhrasingContent[] {
  const head: PhrasingContent[] = [code(e.name), text(` (${e.kind}) `)];
  switch (section) {
    case 'added':
      return [...head, text(`${e.classAfter}, used in `), ...places(e.after)];
    case 'removed':
      return [...head, text(`was ${e.classBefore}, used in `), ...places(e.before)];
    case 'moved':
      return [...head, text('from '), ...places(e.before), text(' to '), ...places(e.after)];
    case 'classChanged':
      return [...head, text(`${e.classBefore} → ${e.classAfter}`)];
  }
}

/** `--markdown`: a pull request comment: both sides, a summary, then each list with its places. */
export const renderDiffMarkdown: Reporter<DiffDocument> = (d) => {
  const body: RootContent[] = [
    { type: 'heading', depth: 3, children: [text('Unstable Rust gates: '), code(d.old.label), text(' → '), code(d.new.label)] },
    { type: 'paragraph', children: [text(`${sideText(d.old)} → ${sideText(d.new)}: ${summary(d)}.`)] },
  ];
  for (const [key, title] of DIFF_SECTIONS) {
    if (d[key].length === 0) continue;
    body.push({ type: 'heading', depth: 4, children: [text(`${title} (${d[key].length})`)] });
    body.push({ type: 'list', ordered: false, spread: false, children: d[key].map((e) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: item(key, e) }] })) });
  }
  if (DIFF_SECTIONS.every(([k]) => d[k].length === 0)) body.push({ type: 'paragraph', children: [text('No gate was added, removed, moved or reclassified.')] });
  if (d.diagnostics.length > 0) {
    body.push({ type: 'paragraph', children: [text(`${d.diagnostics.length} diagnostic${d.diagnostics.length === 1 ? '' : 's'} while scanning; see \`gatewatch diff\` in a terminal.`)] });
  }
  return { output: toMarkdown({ type: 'root', children: body }, { extensions: [gfmToMarkdown()] }), exitCode: 0 };
};
