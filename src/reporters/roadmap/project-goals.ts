/**
 * Render goals and roadmaps back in the shape of rust-project-goals documents
 * (https://github.com/rust-lang/rust-project-goals): a `| Metadata | |` table, the "How we get there" table with a
 * computed-status column, and the ranked "Other topics".
 */
import type { Goal, Linked, LinkedRoadmap } from '../../model/roadmap.js';
import type { Reporter } from '../types.js';
import { renderLink } from '../../roadmap/links.js';
import { renderComputed } from './describe.js';
import { renderGateRef } from '../../roadmap/gates-in-text.js';

const cell = (s: string | null | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function goalDocument(g: Goal & Linked): string[] {
  const rows: [string, string | null][] = [
    ['Short title', g.shortTitle],
    ['What and why', g.whatAndWhy],
    ['Point of contact', g.pointOfContact],
    ['Task owners', g.taskOwners.join(', ') || null],
    ['Status', g.status],
    ['Timespan', g.timespan],
    ['Tracking issue', g.trackingIssue ? renderLink(g.trackingIssue) : null],
    ...g.roadmaps.map((r): [string, string] => ['Roadmap', r]),
    ...g.champions.map((c): [string, string] => [`[${c.team}] champion`, c.people.join(', ')]),
    ['Gates', g.gates.map((x) => `\`${renderGateRef(x)}\``).join(', ') || null],
    ['Computed status', renderComputed(g.computed)],
  ];
  const out = [`## ${g.title}`, '', '| Metadata | |', '|:--|--|', ...rows.filter(([, v]) => v).map(([k, v]) => `| ${k} | ${cell(v)} |`), ''];
  if (g.summary) out.push(g.summary, '');
  if (g.subGoals.length > 0) {
    out.push('| Sub-goal | Timespan | What and why |', '| --- | --- | --- |', ...g.subGoals.map((s) => `| ${cell(s.title)} | ${cell(s.timespan)} | ${cell(s.whatAndWhy)} |`), '');
  }
  if (g.teamAsks.length > 0) out.push('| Team | Support level | Notes |', '|---|---|---|', ...g.teamAsks.map((t) => `| ${cell(t.team)} | ${cell(t.level)} | ${cell(t.notes)} |`), '');
  return out;
}

/** Roadmaps with their goal table and other topics, then a section per goal. */
export const renderProjectGoals: Reporter<LinkedRoadmap> = (r) => {
  const out: string[] = [];
  const titles: (string | null)[] = r.roadmaps.length > 0 ? r.roadmaps.map((x) => x.title) : [null];
  for (const t of titles) {
    const info = r.roadmaps.find((x) => x.title === t);
    out.push(`# ${t ?? 'Goals'}`, '');
    if (info) {
      out.push('| Metadata | |', '|:--|--|');
      if (info.shortTitle) out.push(`| Short title | ${cell(info.shortTitle)} |`);
      if (info.whatAndWhy) out.push(`| What and why | ${cell(info.whatAndWhy)} |`);
      if (info.pointOfContact) out.push(`| Point of contact | ${cell(info.pointOfContact)} |`);
      if (info.taskOwners.length > 0) out.push(`| Task owners | ${cell(info.taskOwners.join(', '))} |`);
      out.push('');
    }
    const goals = r.goals.filter((g) => (t === null ? g.roadmaps.length === 0 : g.roadmaps.includes(t)));
    out.push('## How we get there', '', '| Goal | Timespan | What and why | Gates | Computed status |', '| --- | --- | --- | --- | --- |');
    for (const g of goals) out.push(`| ${cell(g.title)} | ${cell(g.timespan)} | ${cell(g.whatAndWhy)} | ${g.gates.map((x) => `\`${renderGateRef(x)}\``).join(', ')} | ${cell(renderComputed(g.computed))} |`);
    out.push('');
    const topics = r.otherTopics.filter((o) => o.roadmap === t || (!o.roadmap && titles.length === 1));
    if (info && topics.length > 0) {
      out.push('## Other topics', '');
      for (const o of [...topics].sort((a, b) => a.rank - b.rank)) {
        out.push(`  ${o.rank}. ${o.title}${o.gates.length > 0 ? ` — ${renderComputed(o.computed)}` : ''}`);
        for (const n of o.notes) out.push(`     + ${n}`);
      }
      out.push('');
    }
    for (const g of goals) out.push(...goalDocument(g));
  }
  const loose = r.roadmaps.length > 0 ? r.goals.filter((g) => g.roadmaps.length === 0 || !g.roadmaps.some((x) => titles.includes(x))) : [];
  if (loose.length > 0) out.push('# Other goals', '', ...loose.flatMap(goalDocument));
  return { output: out.join('\n'), exitCode: 0 };
};
