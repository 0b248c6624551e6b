/**
 * Render wanted items back as a Rust-for-Linux wanted list (the Markdown of https://github.com/Rust-for-Linux/linux
 * meta issues such as #354), with the computed status of each item as a nested bullet, and two lists up front:
 * Required items already stable, Done items the kernel still gates.
 */
import { CATEGORY_LABELS, WANTED_CATEGORIES, type LinkedRoadmap, type WantedItem, type Linked } from '../../model/roadmap.js';
import type { Reporter } from '../types.js';
import { renderGateRef } from '../../roadmap/gates-in-text.js';
import { renderLink } from '../../roadmap/links.js';
import { renderComputed } from './describe.js';

const HEADINGS: Record<string, string> = {
  required: 'Required (we almost certainly want them)',
  'nice-to-have': 'Nice to have (not critical, we could work around it)',
  'discussion-needed': 'Discussion needed',
  'low-priority': 'Low priority (we will likely not use them in the end)',
  done: 'Done (stabilized, fixed, or not needed anymore)',
};

type Item = WantedItem & Linked;

/** Escape Markdown syntax in plain text, leaving `code spans` as written, so that the list reads back the same. */
function escapeMarkdown(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\*_<>[\]]/g, (c) => `\\${c}`)))
    .join('');
}

/** `true` when a Required/open item's gates are all stable already. */
const alreadyStable = (w: Item) => w.category !== 'done' && w.computed.state === 'stable';
/** `true` when a Done item's gates are still enabled by the kernel. */
const stillGated = (w: Item) => w.category === 'done' && w.computed.stillEnabledByKernel.length > 0;

function renderItem(w: Item): string[] {
  const lines = [`  - [${w.category === 'done' ? 'x' : ' '}] ${escapeMarkdown(w.title)}`];
  const sub = (s: string) => lines.push(`    + ${s}`);
  if (w.summary) sub(`Summary: ${escapeMarkdown(w.summary)}`);
  // Proposed gates are written back as proposed, so that reading the rendered list again expects them unknown.
  const written = (gs: typeof w.gates) => gs.map((g) => (g.kind === 'feature' ? `\`feature(${g.name})\`` : `\`${renderGateRef(g)}\``)).join(', ');
  const known = w.gates.filter((g) => !g.proposed);
  const proposed = w.gates.filter((g) => g.proposed);
  if (known.length > 0) sub(`Gates: ${written(known)}.`);
  if (proposed.length > 0) sub(`Proposed gates: ${written(proposed)}.`);
  for (const l of w.links) sub(`${l.label ? l.label.charAt(0).toUpperCase() + l.label.slice(1) : l.kind === 'pr' ? 'PR' : l.kind === 'issue' ? 'Issue' : 'Link'}: ${renderLink(l)}.`);
  for (const s of w.status) sub(`Status: ${escapeMarkdown(s)}`);
  if (w.usedBy.length > 0) sub(`Used by: ${w.usedBy.map((u) => `\`${u}\``).join(', ')}.`);
  if (w.cc.length > 0) sub(`Cc: ${w.cc.join(' ')}`);
  if (w.gates.length > 0) {
    const flag = alreadyStable(w) ? ' **already stable**' : stillGated(w) ? ' **the kernel still enables it**' : '';
    sub(`Computed: ${renderComputed(w.computed)}.${flag}`);
  }
  return lines;
}

/** The wanted list as Markdown, features then bugs, with computed statuses. */
export const renderWantedList: Reporter<LinkedRoadmap> = (r) => {
  const out: string[] = ['# Wanted features and bugfixes', ''];
  const stable = r.wanted.filter(alreadyStable);
  const gated = r.wanted.filter(stillGated);
  out.push(`Computed against registry: ${r.against.registry ?? 'none'}; kernel scan: ${r.against.scan ?? 'none'}.`, '');
  out.push('## Computed by gatewatch', '');
  out.push(`### Listed as open but already stable (${stable.length})`, '');
  for (const w of stable) out.push(`  - ${escapeMarkdown(w.title)} — ${CATEGORY_LABELS[w.category]}, ${renderComputed(w.computed)}.`);
  out.push('', `### Done but the kernel still enables the gate (${gated.length})`, '');
  for (const w of gated) out.push(`  - ${escapeMarkdown(w.title)} — ${renderComputed(w.computed)} (${w.computed.gates.flatMap((g) => g.kernelUses).slice(0, 3).join(', ')}).`);
  out.push('');
  for (const kind of ['feature', 'bug'] as const) {
    const items = r.wanted.filter((w) => w.kind === kind);
    if (items.length === 0) continue;
    out.push(kind === 'feature' ? '## Features that we would like to see' : '## Bugs that we would like to see fixed', '');
    for (const cat of WANTED_CATEGORIES) {
      out.push(`### ${HEADINGS[cat]}`, '');
      for (const w of items.filter((i) => i.category === cat)) out.push(...renderItem(w), '');
    }
  }
  return { output: out.join('\n').replace(/\n{3,}/g, '\n\n'), exitCode: 0 };
};
