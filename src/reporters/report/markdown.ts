import type { ListItem, PhrasingContent, Root, RootContent, TableRow } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { computeSourceUrl } from '../../analyses/source-url.js';
import type { Gate } from '../../model/report.js';
import { CATEGORY_LABELS } from '../../model/roadmap.js';
import { foundLine, gateLabel, CLASS_SECTION, CLASS_TITLES, classTitle, classCounts, doneText, percent, plannerVersion, subjectLine, trackingUrl, wants, type ReportReporter } from './common.js';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
const link = (url: string, label: string): PhrasingContent => ({ type: 'link', url, children: [text(label)] });
const heading = (depth: 1 | 2 | 3, value: string): RootContent => ({ type: 'heading', depth, children: [text(value)] });
const paragraph = (...children: PhrasingContent[]): RootContent => ({ type: 'paragraph', children });

/** One task-list item in the shape of the Rust-for-Linux lists: checkbox, name, tracking link, version, places. */
function gateItem(g: Gate, place: (file: string, line: number) => PhrasingContent): ListItem {
  const parts: PhrasingContent[] = [code(gateLabel(g))];
  if (g.trackingIssue !== null) parts.push(text(' ('), link(trackingUrl(g.trackingIssue), `#${g.trackingIssue}`), text(')'));
  // The tracking issue is already the link above; the reason need not say it again.
  parts.push(text(`: ${g.reason.replace(/, (tracking #\d+|no tracking issue)/, '')}.`));
  if (g.since && g.class !== 'error') parts.push(text(` Can go from Rust ${g.since}.`));
  parts.push(text(' Used in '));
  g.occurrences.slice(0, 5).forEach((o, i) => {
    if (i > 0) parts.push(text(', '));
    parts.push(place(o.file, o.line));
  });
  if (g.occurrences.length > 5) parts.push(text(` and ${g.occurrences.length - 5} more`));
  parts.push(text('.'));
  // The roadmap item beside the gate, as the Rust-for-Linux tracking issue writes the work that removes it.
  (g.roadmap ?? []).forEach((item, i) => {
    parts.push(text(i === 0 ? ' Roadmap: ' : '; '), { type: 'emphasis', children: [text(item.title)] });
    const where = item.category === 'goal' ? 'project goal' : item.category === 'other-topic' ? 'other topic' : `wanted list, ${CATEGORY_LABELS[item.category]}`;
    const status = item.writtenStatus && item.category !== 'goal' && item.category !== 'other-topic' && item.writtenStatus === CATEGORY_LABELS[item.category] ? null : item.writtenStatus;
    parts.push(text(` (${where}${status ? `, ${status}` : ''})`));
  });
  if (g.roadmap?.length) parts.push(text('.'));
  return { type: 'listItem', spread: false, checked: g.class === 'removable', children: [{ type: 'paragraph', children: parts }] };
}

const row = (cells: string[]): TableRow => ({ type: 'tableRow', children: cells.map((c) => ({ type: 'tableCell', children: c ? [text(c)] : [] })) });

/** `--markdown`: the report as the Rust-for-Linux lists keep it, with checkboxes, tracking links and versions. */
export const renderReportMarkdown: ReportReporter = (r, options) => {
  const template = options.sourceUrl;
  const place = (file: string, line: number): PhrasingContent => {
    const url = template ? computeSourceUrl(template, { version: r.kernelVersion, file, line }) : null;
    return url ? { type: 'link', url, children: [code(`${file}:${line}`)] } : code(`${file}:${line}`);
  };
  const found = foundLine(r, options);
  const body: RootContent[] = [heading(1, `Stable Rust readiness: ${r.tree}`), paragraph(text(`${found ? `${found[0]!.toUpperCase()}${found.slice(1)}; ` : ''}${subjectLine(r)}.`))];
  const done = doneText(r);
  body.push(paragraph(text(`${r.gates.length} gates: ${classCounts(r)}; ${done.charAt(0).toUpperCase()}${done.slice(1)}.`)));
  for (const [cls, title] of CLASS_TITLES) {
    const gates = r.gates.filter((g) => g.class === cls);
    if (gates.length === 0 || !wants(options, CLASS_SECTION[cls])) continue;
    body.push(heading(2, classTitle(cls, title, r)));
    body.push({ type: 'list', ordered: false, spread: false, children: gates.map((g) => gateItem(g, place)) });
  }
  if (r.planner.length > 0 && wants(options, 'planner')) {
    body.push(heading(2, 'Planner'));
    body.push({
      type: 'table',
      align: ['left', 'right', 'left'],
      children: [row(['Minimum rustc', 'Gates left', 'Drops']), ...r.planner.map((p) => row([plannerVersion(p), String(p.remaining), p.drops.join(', ')]))],
    });
  }
  const arches = Object.entries(r.done.perArch);
  if (arches.length > 0 && wants(options, 'done')) {
    body.push(heading(2, 'Done by architecture'));
    body.push({
      type: 'table',
      align: ['left', 'right', 'right', 'right'],
      children: [row(['Arch', 'Gates', 'Remaining', 'Done']), ...arches.map(([a, d]) => row([a, String(d.total), String(d.remaining), percent(d.ratio)]))],
    });
  }
  if (r.audit.length > 0 && wants(options, 'audit')) {
    body.push(heading(2, 'Audit of the tree\'s own claims'));
    body.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: r.audit.map((a): ListItem => ({
        type: 'listItem',
        spread: false,
        checked: a.verdict === 'ok' ? true : a.verdict === 'wrong' ? false : null,
        children: [
          {
            type: 'paragraph',
            children: [code(`${a.file}:${a.line}`), text(` ${a.verdict}: `), ...(a.gate ? [code(a.gate), text(' ')] : []), text(`claims ${a.claimed}; ${a.fact}.`)],
          },
        ],
      })),
    });
  }
  const root: Root = { type: 'root', children: body };
  return { output: toMarkdown(root, { extensions: [gfmToMarkdown()], bullet: '-' }), exitCode: 0 };
};
