/**
 * gatewatch's own roadmap format: TOML (https://toml.io/en/v1.0.0) with `[[roadmap]]`, `[[goal]]`, `[[topic]]`
 * and `[[wanted]]` tables, documented in docs/roadmap-format.md. One entry per table keeps diffs small and reviews
 * easy; every problem is reported with the line of its entry or field.
 */
import { parse, TomlError } from 'smol-toml';
import { diagnostic, type Diagnostic } from '../../../model/diagnostic.js';
import { WANTED_CATEGORIES, type Champion, type GateRef, type Goal, type Link, type OtherTopic, type RoadmapInfo, type SubGoal, type TeamAsk, type WantedCategory, type WantedItem } from '../../../model/roadmap.js';
import { parseGateField, slugify } from '../../gates-in-text.js';
import { parseLink } from '../../links.js';
import type { RoadmapFacts, RoadmapFile, RoadmapSource } from '../types.js';

type Table = Record<string, unknown>;

/** Fields each table may carry; anything else is reported so typos do not vanish silently. */
const TOML_FIELDS = {
  roadmap: ['title', 'short-title', 'what-and-why', 'point-of-contact', 'task-owners', 'url'],
  goal: ['id', 'title', 'short-title', 'what-and-why', 'point-of-contact', 'task-owners', 'status', 'timespan', 'tracking-issue', 'roadmaps', 'champions', 'sub-goal', 'team-ask', 'summary', 'links', 'gates', 'proposed-gates'],
  topic: ['rank', 'title', 'roadmap', 'notes', 'gates', 'proposed-gates'],
  wanted: ['id', 'title', 'category', 'kind', 'status', 'summary', 'links', 'used-by', 'cc', 'gates', 'proposed-gates'],
} as const;

/** Line finder over the TOML text: the header line of the n-th `[[kind]]` table and the line of a key inside it. */
function lineIndex(text: string) {
  const lines = text.split('\n');
  const headers = new Map<string, number[]>();
  const top: number[] = [];
  lines.forEach((l, i) => {
    const m = /^\s*\[\[?\s*([\w.-]+)\s*\]\]?\s*(#.*)?$/.exec(l);
    if (!m) return;
    const name = m[1]!;
    if (!name.includes('.')) top.push(i);
    if (/^\s*\[\[/.test(l)) headers.set(name, [...(headers.get(name) ?? []), i]);
  });
  return {
    entry(kind: string, n: number): number {
      const h = headers.get(kind)?.[n];
      return h === undefined ? 1 : h + 1;
    },
    field(kind: string, n: number, key: string): number {
      const h = headers.get(kind)?.[n];
      if (h === undefined) return 1;
      const end = top.find((t) => t > h) ?? lines.length;
      const re = new RegExp(`^\\s*"?${key.replace(/[-]/g, '\\-')}"?\\s*=`);
      for (let i = h + 1; i < end; i++) if (re.test(lines[i]!)) return i + 1;
      return h + 1;
    },
  };
}

/** Collect every entry of a gatewatch roadmap file. */
export function collectGatewatchToml(file: RoadmapFile): RoadmapFacts {
  const diagnostics: Diagnostic[] = [];
  let doc: Table;
  try {
    doc = parse(file.text) as Table;
  } catch (e) {
    const line = e instanceof TomlError ? e.line : 1;
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
    return { diagnostics: [diagnostic('roadmap/invalid-toml', 'error', first, { file: file.path, line }, 'see https://toml.io for the syntax')] };
  }
  const lines = lineIndex(file.text);
  for (const key of Object.keys(doc))
    if (!(key in TOML_FIELDS)) diagnostics.push(diagnostic('roadmap/unknown-field', 'warning', `unknown top-level table "${key}"`, { file: file.path, line: 1 }, `expected ${Object.keys(TOML_FIELDS).map((k) => `[[${k}]]`).join(', ')}`));

  const tables = (kind: keyof typeof TOML_FIELDS): Table[] => {
    const v = doc[kind];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      diagnostics.push(diagnostic('roadmap/wrong-type', 'error', `"${kind}" is a single table`, { file: file.path, line: 1 }, `write each entry as [[${kind}]]`));
      return [];
    }
    return v as Table[];
  };

  /** Typed field readers that report with file:line and go on. */
  const reader = (kind: keyof typeof TOML_FIELDS, n: number, t: Table) => {
    const place = (key?: string) => ({ file: file.path, line: key ? lines.field(kind, n, key) : lines.entry(kind, n) });
    for (const key of Object.keys(t))
      if (!(TOML_FIELDS[kind] as readonly string[]).includes(key))
        diagnostics.push(diagnostic('roadmap/unknown-field', 'warning', `unknown field "${key}" in [[${kind}]]`, place(key), `expected one of ${TOML_FIELDS[kind].join(', ')}`));
    const str = (key: string): string | null => {
      const v = t[key];
      if (v === undefined) return null;
      if (typeof v === 'string') return v.trim() || null;
      diagnostics.push(diagnostic('roadmap/wrong-type', 'error', `"${key}" is a ${typeof v}, expected a string`, place(key)));
      return null;
    };
    const strs = (key: string): string[] => {
      const v = t[key];
      if (v === undefined) return [];
      if (typeof v === 'string') return [v];
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
      diagnostics.push(diagnostic('roadmap/wrong-type', 'error', `"${key}" should be a list of strings`, place(key)));
      return [];
    };
    const links = (key: string, label?: string): Link[] =>
      strs(key).flatMap((s) => {
        const l = parseLink(s, label);
        if (!l) diagnostics.push(diagnostic('roadmap/malformed-link', 'error', `"${s}" is not a link`, place(key), 'expected a URL or owner/name#number, optionally followed by the release in parentheses: `rust-lang/rust#137043 (1.88)`'));
        return l ? [l] : [];
      });
    const gates = (): GateRef[] =>
      (['gates', 'proposed-gates'] as const).flatMap((key) =>
        strs(key).flatMap((s) => {
          const g = parseGateField(s);
          if (!g) diagnostics.push(diagnostic('roadmap/malformed-gate', 'error', `"${s}" is not a gate name`, place(key), 'expected a feature name (`unsafe_pinned`), `feature(name)` or a flag (`-Zbranch-protection`)'));
          return g ? [{ ...g, ...(key === 'proposed-gates' ? { proposed: true } : {}), place: place(key) }] : [];
        }),
      );
    const title = (): string => {
      const s = str('title');
      if (!s) diagnostics.push(diagnostic('roadmap/missing-title', 'error', `[[${kind}]] entry without a title`, place()));
      return s ?? '';
    };
    const subTables = (key: string): Table[] => {
      const v = t[key];
      if (v === undefined) return [];
      if (Array.isArray(v)) return v as Table[];
      diagnostics.push(diagnostic('roadmap/wrong-type', 'error', `"${key}" should be written [[${kind}.${key}]]`, place(key)));
      return [];
    };
    return { place, str, strs, links, gates, title, subTables };
  };

  const roadmaps: RoadmapInfo[] = tables('roadmap').map((t, n) => {
    const r = reader('roadmap', n, t);
    const info: RoadmapInfo = { title: r.title(), shortTitle: r.str('short-title'), whatAndWhy: r.str('what-and-why'), pointOfContact: r.str('point-of-contact'), taskOwners: r.strs('task-owners'), url: r.str('url'), place: r.place() };
    if (!info.pointOfContact) diagnostics.push(diagnostic('roadmap/missing-point-of-contact', 'error', `roadmap "${info.title}" has no point of contact`, r.place(), 'add point-of-contact = "name"'));
    return info;
  });

  const goals: Goal[] = tables('goal').map((t, n) => {
    const r = reader('goal', n, t);
    const title = r.title();
    const champions: Champion[] = [];
    const ch = t['champions'];
    if (ch !== undefined && (typeof ch !== 'object' || Array.isArray(ch))) diagnostics.push(diagnostic('roadmap/wrong-type', 'error', '"champions" should be a table of team = [people]', r.place('champions')));
    else if (ch) for (const [team, ppl] of Object.entries(ch as Table)) champions.push({ team, people: Array.isArray(ppl) ? ppl.map(String) : [String(ppl)] });
    const subGoals: SubGoal[] = r.subTables('sub-goal').map((s) => ({ title: String(s['title'] ?? ''), timespan: typeof s['timespan'] === 'string' ? s['timespan'] : null, whatAndWhy: typeof s['what-and-why'] === 'string' ? s['what-and-why'] : null }));
    const teamAsks: TeamAsk[] = r.subTables('team-ask').map((s) => ({ team: String(s['team'] ?? ''), level: typeof s['level'] === 'string' ? s['level'] : null, notes: typeof s['notes'] === 'string' ? s['notes'] : null }));
    const goal: Goal = {
      id: r.str('id') ?? slugify(title),
      title,
      shortTitle: r.str('short-title'),
      whatAndWhy: r.str('what-and-why'),
      pointOfContact: r.str('point-of-contact'),
      taskOwners: r.strs('task-owners'),
      status: r.str('status'),
      timespan: r.str('timespan'),
      trackingIssue: r.links('tracking-issue', 'tracking issue')[0] ?? null,
      roadmaps: r.strs('roadmaps'),
      champions,
      subGoals,
      teamAsks,
      summary: r.str('summary'),
      links: r.links('links'),
      gates: r.gates(),
      place: r.place(),
    };
    if (!goal.pointOfContact && goal.roadmaps.length === 0)
      diagnostics.push(diagnostic('roadmap/missing-point-of-contact', 'error', `goal "${title}" has no point of contact and no roadmap to inherit one from`, r.place(), 'add point-of-contact = "name" or roadmaps = ["..."]'));
    return goal;
  });

  const otherTopics: OtherTopic[] = tables('topic').map((t, n) => {
    const r = reader('topic', n, t);
    const rank = t['rank'];
    if (rank !== undefined && (typeof rank !== 'number' || !Number.isInteger(rank) || rank < 1))
      diagnostics.push(diagnostic('roadmap/wrong-type', 'error', `rank ${String(rank)} is not a positive integer`, r.place('rank')));
    // A file with one [[roadmap]] ranks its topics for that roadmap unless a topic names another.
    const roadmap = r.str('roadmap') ?? (roadmaps.length === 1 ? roadmaps[0]!.title : null);
    return { rank: typeof rank === 'number' ? rank : n + 1, title: r.title(), roadmap, notes: r.strs('notes'), gates: r.gates(), place: r.place() };
  });

  const wanted: WantedItem[] = tables('wanted').map((t, n) => {
    const r = reader('wanted', n, t);
    const title = r.title();
    const cat = r.str('category');
    let category: WantedCategory = 'required';
    if (!cat) diagnostics.push(diagnostic('roadmap/unknown-category', 'error', `wanted item "${title}" has no category`, r.place(), `expected category = one of ${WANTED_CATEGORIES.join(', ')}`));
    else if (!(WANTED_CATEGORIES as readonly string[]).includes(cat))
      diagnostics.push(diagnostic('roadmap/unknown-category', 'error', `unknown category "${cat}" for "${title}"`, r.place('category'), `expected one of ${WANTED_CATEGORIES.join(', ')}`));
    else category = cat as WantedCategory;
    const kind = r.str('kind') ?? 'feature';
    if (kind !== 'feature' && kind !== 'bug') diagnostics.push(diagnostic('roadmap/wrong-type', 'error', `kind "${kind}" for "${title}"`, r.place('kind'), 'expected kind = "feature" or "bug"'));
    return {
      id: r.str('id') ?? slugify(title),
      title,
      category,
      kind: kind === 'bug' ? 'bug' : 'feature',
      status: r.strs('status'),
      summary: r.str('summary'),
      links: r.links('links'),
      usedBy: r.strs('used-by'),
      cc: r.strs('cc'),
      gates: r.gates(),
      place: r.place(),
    };
  });

  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { roadmaps, goals, otherTopics, wanted, diagnostics };
}

/** The gatewatch TOML source: any `.toml` file. */
export const gatewatchTomlSource: RoadmapSource = {
  name: 'gatewatch',
  detect: (f) => /\.toml$/i.test(f.path),
  collect: collectGatewatchToml,
};
