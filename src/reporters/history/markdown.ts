import type { PhrasingContent, RootContent, TableRow } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { HistoryDocument } from '../../model/history.js';
import type { Reporter } from '../types.js';
import { burndownLines, eventsByRev, eventText, POINT_HEADER, pointCells, subject } from './common.js';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const row = (cells: string[]): TableRow => ({ type: 'tableRow', children: cells.map((c) => ({ type: 'tableCell', children: c ? [text(c)] : [] })) });

/** `--markdown`: the series as a table, the burndown in a code block, the events as lists per revision. */
export const renderHistoryMarkdown: Reporter<HistoryDocument> = (h) => {
  const body: RootContent[] = [
    { type: 'heading', depth: 1, children: [text('Unstable Rust gates, release by release')] },
    { type: 'paragraph', children: [text(`${subject(h)}.`)] },
    { type: 'table', align: POINT_HEADER.map((_, i) => (i < 4 ? 'left' : 'right')), children: [row(POINT_HEADER), ...h.series.map((p) => row(pointCells(p)))] },
    { type: 'heading', depth: 2, children: [text('Burndown')] },
    { type: 'paragraph', children: [text('Gates that still need an unstable compiler at the revision’s own minimum rustc (█), and done ones (░).')] },
    { type: 'code', lang: 'text', value: burndownLines(h).join('\n') },
  ];
  const groups = eventsByRev(h);
  if (groups.length > 0) {
    body.push({ type: 'heading', depth: 2, children: [text('Events')] });
    for (const [rev, events] of groups) {
      body.push({ type: 'heading', depth: 3, children: [{ type: 'inlineCode', value: rev }, text(` (since ${events[0]!.previousRev})`)] });
      body.push({ type: 'list', ordered: false, spread: false, children: events.map((e) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [text(eventText(e).slice(2) + ` (${e.type})`)] }] })) });
    }
  }
  const problems = h.series.filter((p) => p.diagnostics.length > 0);
  if (problems.length > 0) {
    body.push({ type: 'heading', depth: 2, children: [text('Diagnostics')] });
    body.push({
      type: 'list', ordered: false, spread: false,
      children: problems.flatMap((p) => p.diagnostics.map((d) => ({ type: 'listItem' as const, spread: false, children: [{ type: 'paragraph' as const, children: [{ type: 'inlineCode' as const, value: p.rev }, text(` ${d.severity}: ${d.message}${d.file ? ` (${d.file}${d.line ? `:${d.line}` : ''})` : ''}`)] }] }))),
    });
  }
  return { output: toMarkdown({ type: 'root', children: body }, { extensions: [gfmToMarkdown()] }), exitCode: 0 };
};
