/**
 * rust-project-goals Markdown (https://github.com/rust-lang/rust-project-goals, `src/<period>/*.md`): goal
 * documents open with a `| Metadata | |` table (Point of contact, Status, Tracking issue, Timespan, Roadmap,
 * `[team] champion`, ...), then `## Summary`, work-item tables (`| Task | Owner(s) ... | Notes |` under `###`/`####`
 * headings, 2024h2 to 2026) and a team-asks table (`| Team | Support level | Notes |`, 2026). Roadmap documents
 * (2026 `roadmap-*.md`) have the same metadata table, a `| Goal | Timespan | What and why |` table and a ranked
 * `## Other topics` list.
 */
import type { Heading, List, Nodes, Root, RootContent, Table, TableRow } from 'mdast';
import { diagnostic, type Diagnostic } from '../../../model/diagnostic.js';
import type { Champion, Goal, OtherTopic, RoadmapInfo, SubGoal, TeamAsk } from '../../../model/roadmap.js';
import { collectGatesInText, collectMentions, mergeGates, slugify } from '../../gates-in-text.js';
import { parseLink } from '../../links.js';
import { inlineText, lineOf, parseMarkdown } from '../../../core/markdown.js';
import type { RoadmapFacts, RoadmapFile, RoadmapSource } from '../types.js';

/** Statuses the project-goals documents use. */
export const GOAL_STATUSES = ['Proposed', 'Accepted', 'Not accepted', 'Completed', 'Invited', 'Withdrawn', 'Retired', 'Orphaned', 'Incomplete'];

const cellText = (row: TableRow, i: number): string => (row.children[i] ? inlineText(row.children[i]!).replace(/\s+/g, ' ').trim() : '');
const clean = (s: string): string | null => (s === '' || /^n\/?a$/i.test(s) ? null : s);
const people = (s: string): string[] =>
  s
    .split(/,|\band\b/)
    .map((p) => p.trim())
    .filter((p) => p && !/^!?\[?team\]?$/i.test(p));

interface Section {
  heading: Heading | null;
  nodes: RootContent[];
}

/** Split a document into sections at each heading. */
function sections(root: Root): Section[] {
  const out: Section[] = [{ heading: null, nodes: [] }];
  for (const n of root.children) {
    if (n.type === 'heading') out.push({ heading: n, nodes: [] });
    else out[out.length - 1]!.nodes.push(n);
  }
  return out;
}

/** Header cells of a table, lower-cased. */
const headerOf = (t: Table): string[] => (t.children[0] ? t.children[0].children.map((c) => inlineText(c).trim().toLowerCase()) : []);

/** Collect a goal or roadmap document. */
export function collectProjectGoals(file: RoadmapFile): RoadmapFacts {
  const diagnostics: Diagnostic[] = [];
  const root = parseMarkdown(file.text, file.path, diagnostics);
  const at = (n: Nodes) => ({ file: file.path, line: lineOf(n) });
  const sourceLines = file.text.split('\n');
  // The title is the `# heading`; a few documents open with `##` instead.
  const h1 = root.children.find((n): n is Heading => n.type === 'heading' && n.depth === 1) ?? (root.children[0]?.type === 'heading' ? root.children[0] : undefined);
  const title = h1 ? inlineText(h1).trim() : '';
  if (!h1) diagnostics.push(diagnostic('roadmap/missing-title', 'error', 'no `# Title` heading', { file: file.path, line: 1 }, 'a goal document starts with a level-1 heading'));

  // Malformed rows anywhere: a row whose cell count differs from its header's.
  const tables: Table[] = [];
  const visit = (n: Nodes) => {
    if (n.type === 'table') tables.push(n);
    else if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(root);
  for (const t of tables) {
    const width = t.children[0]?.children.length ?? 0;
    for (const row of t.children.slice(1)) {
      if (row.children.length === width || /^\(\(\(/.test(cellText(row, 0))) continue;
      // A line right under a table without a leading `|` (often a `[label]: url` definition) is read as a row by GFM.
      if (!(sourceLines[lineOf(row) - 1] ?? '').trimStart().startsWith('|'))
        diagnostics.push(diagnostic('roadmap/malformed-table-row', 'warning', `the line after the table is read as one of its rows: "${cellText(row, 0).slice(0, 60)}"`, at(row), 'leave a blank line between the table and the text after it'));
      else diagnostics.push(diagnostic('roadmap/malformed-table-row', 'error', `table row has ${row.children.length} cells, its header has ${width}`, at(row), 'give every row one cell per column (`| a | b | c |`)'));
    }
  }

  const meta = new Map<string, { values: string[]; line: number; row: TableRow }[]>();
  const metaTable = tables.find((t) => headerOf(t)[0] === 'metadata');
  if (!metaTable) diagnostics.push(diagnostic('roadmap/missing-metadata', 'error', 'no `| Metadata | |` table', { file: file.path, line: h1 ? lineOf(h1) : 1 }, 'goal documents carry their metadata in a two-column table under the title'));
  for (const row of metaTable?.children.slice(1) ?? []) {
    const key = cellText(row, 0).toLowerCase();
    if (!key) {
      diagnostics.push(diagnostic('roadmap/malformed-table-row', 'error', 'metadata row without a key', at(row), 'the first cell names the field, e.g. `Point of contact`'));
      continue;
    }
    const list = meta.get(key) ?? [];
    list.push({ values: [cellText(row, 1)], line: lineOf(row), row });
    meta.set(key, list);
  }
  const one = (key: string) => clean(meta.get(key)?.[0]?.values[0] ?? '');
  const all = (key: string) => (meta.get(key) ?? []).map((e) => e.values[0]!).filter(Boolean);

  const secs = sections(root);
  const sectionNamed = (re: RegExp) => secs.find((s) => s.heading && re.test(inlineText(s.heading)));
  const summarySec = sectionNamed(/^summary$/i);
  const summaryPara = summarySec?.nodes.find((n) => n.type === 'paragraph');
  const summary = summaryPara ? inlineText(summaryPara).replace(/\s+/g, ' ').trim() : null;

  const champions: Champion[] = [];
  for (const [key, entries] of meta) {
    const m = /^\[?([\w-]+)\]?\s+champion$/.exec(key);
    if (m) champions.push({ team: m[1]!, people: entries.flatMap((e) => people(e.values[0]!)) });
  }

  const pointOfContact = one('point of contact');
  const taskOwnersMeta = one('task owners') ?? one('task owner') ?? one('owner(s)') ?? one('owners');
  const subGoals: SubGoal[] = [];
  const teamAsks: TeamAsk[] = [];
  const owners = new Set<string>(taskOwnersMeta ? people(taskOwnersMeta) : []);
  const goalRows: { row: TableRow }[] = [];
  let lastHeading: Heading | null = null;
  for (const s of secs) {
    if (s.heading) lastHeading = s.heading;
    for (const n of s.nodes) {
      if (n.type !== 'table' || n === metaTable) continue;
      const head = headerOf(n);
      if (head[0] === 'goal' && head.includes('timespan')) {
        for (const row of n.children.slice(1)) if (!/^\(\(\(/.test(cellText(row, 0))) goalRows.push({ row });
      } else if (head[0] === 'team' && head[1]?.startsWith('support')) {
        for (const row of n.children.slice(1)) teamAsks.push({ team: cellText(row, 0).replace(/[[\]]/g, ''), level: clean(cellText(row, 1)), notes: clean(cellText(row, 2)) });
      } else if (head[0] === 'task') {
        for (const row of n.children.slice(1)) for (const p of cellText(row, 1).match(/@[\w-]+/g) ?? []) owners.add(p);
        const h = lastHeading && lastHeading.depth >= 3 ? inlineText(lastHeading).trim() : null;
        if (h && !/ownership|team asks|work items/i.test(h) && !subGoals.some((g) => g.title === h))
          subGoals.push({ title: h, timespan: null, whatAndWhy: null, place: at(lastHeading!) });
      }
    }
  }

  const isRoadmap = goalRows.length > 0 || Boolean(sectionNamed(/^other topics$/i)) || /^roadmap-/.test(file.path.split('/').pop() ?? '');
  const gatesOf = (text: string) => collectGatesInText(text);

  if (isRoadmap) {
    const info: RoadmapInfo = {
      title,
      shortTitle: one('short title'),
      whatAndWhy: one('what and why'),
      pointOfContact,
      taskOwners: [...owners],
      url: null,
      place: h1 ? at(h1) : { file: file.path, line: 1 },
    };
    if (!pointOfContact) diagnostics.push(diagnostic('roadmap/missing-point-of-contact', 'error', `roadmap "${title}" has no point of contact`, info.place!, 'add a `| Point of contact | @name |` metadata row'));
    const goals: Goal[] = goalRows.map(({ row }) => {
      const gtitle = cellText(row, 0);
      const what = clean(cellText(row, 2));
      return {
        ...emptyGoal(gtitle),
        whatAndWhy: what,
        timespan: clean(cellText(row, 1)),
        roadmaps: [title],
        gates: mergeGates(gatesOf(gtitle), gatesOf(what ?? '')),
        mentions: collectMentions(`${gtitle}\n${what ?? ''}`),
        place: at(row),
      };
    });
    const topics = collectOtherTopics(sectionNamed(/^other topics$/i), file).map((t) => ({ ...t, roadmap: title }));
    return { roadmaps: [info], goals, otherTopics: topics, diagnostics };
  }

  const statusText = one('status');
  if (statusText && !GOAL_STATUSES.some((s) => s.toLowerCase() === statusText.toLowerCase()))
    diagnostics.push(diagnostic('roadmap/unknown-status', 'error', `unknown goal status "${statusText}"`, { file: file.path, line: meta.get('status')![0]!.line }, `expected one of ${GOAL_STATUSES.join(', ')}`));
  if (!pointOfContact)
    diagnostics.push(diagnostic('roadmap/missing-point-of-contact', 'error', `goal "${title}" has no point of contact`, { file: file.path, line: meta.get('point of contact')?.[0]?.line ?? (metaTable ? lineOf(metaTable) : 1) }, 'add a `| Point of contact | @name |` metadata row'));
  const tracking = one('tracking issue');
  const links = all('other tracking issues').flatMap((v) => v.split(/,\s*/)).flatMap((v) => parseLink(v) ?? []);
  // Gates of a goal document: named anywhere in its prose, lists and tables (code blocks are examples, not asks).
  const textForGates = inlineText(root);
  const period = periodOf(file.path);
  const goal: Goal = {
    ...emptyGoal(title),
    // The same goal often continues from one period to the next: the period keeps their ids apart.
    id: period ? `${period}-${slugify(title)}` : slugify(title),
    shortTitle: one('short title'),
    whatAndWhy: one('what and why'),
    pointOfContact,
    taskOwners: [...owners],
    status: statusText,
    timespan: one('timespan') ?? period,
    trackingIssue: tracking ? parseLink(tracking, 'tracking issue') : null,
    roadmaps: all('roadmap'),
    champions,
    subGoals,
    teamAsks,
    summary,
    links,
    gates: gatesOf(textForGates),
    mentions: collectMentions(textForGates),
    place: h1 ? at(h1) : { file: file.path, line: 1 },
  };
  return { goals: [goal], diagnostics };
}

/** The period folder a goal file lives in (`src/2025h1/rfl.md` -> `2025h1`), as its timespan when none is written. */
function periodOf(path: string): string | null {
  const m = /(?:^|\/)(\d{4}(?:h[12])?)\//.exec(path);
  return m ? m[1]! : null;
}

function emptyGoal(title: string): Goal {
  return {
    id: slugify(title),
    title,
    shortTitle: null,
    whatAndWhy: null,
    pointOfContact: null,
    taskOwners: [],
    status: null,
    timespan: null,
    trackingIssue: null,
    roadmaps: [],
    champions: [],
    subGoals: [],
    teamAsks: [],
    summary: null,
    links: [],
    gates: [],
  };
}

function collectOtherTopics(sec: Section | undefined, file: RoadmapFile): OtherTopic[] {
  const list = sec?.nodes.find((n): n is List => n.type === 'list');
  if (!list) return [];
  return list.children.map((item, i) => {
    const head = item.children.filter((c) => c.type !== 'list').map((c) => inlineText(c)).join(' ').trim();
    const notes = item.children
      .filter((c): c is List => c.type === 'list')
      .flatMap((l) => l.children.map((li) => inlineText(li).replace(/\s+/g, ' ').trim()));
    // A topic that is just a backticked name (`used_with_arg`) is a mention: a gate once the registry knows it.
    const gates = collectGatesInText([head, ...notes].join('\n'));
    return { rank: i + 1, title: head.replace(/\.$/, ''), notes, gates, mentions: collectMentions([head, ...notes].join('\n')), place: { file: file.path, line: lineOf(item) } };
  });
}

/** The project-goals source: Markdown with a `| Metadata |` table. */
export const projectGoalsSource: RoadmapSource = {
  name: 'project-goals',
  detect: (f) => /\.(md|markdown)$/i.test(f.path) && /^\|\s*Metadata\s*\|/m.test(f.text),
  collect: collectProjectGoals,
};
