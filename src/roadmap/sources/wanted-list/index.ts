/**
 * Rust-for-Linux "wanted features & bugfixes" lists, the Markdown bodies of the meta issues of
 * https://github.com/Rust-for-Linux/linux (e.g. issues #2, #354, #355): `## Features...` / `## Bugs...` sections,
 * `### Required (...)`-style category headings, task-list items whose nested bullets carry `Tracking issue:`,
 * `PR: <link> (1.88)`, `Status:`, `Used by:` and `Cc:` lines.
 */
import type { List, ListItem, Nodes, Root } from 'mdast';
import { diagnostic, type Diagnostic } from '../../../model/diagnostic.js';
import type { GateRef, Link, WantedCategory, WantedItem } from '../../../model/roadmap.js';
import { collectGatesInText, collectMentions, mergeGates, slugify } from '../../gates-in-text.js';
import { collectLinksInText, parseLink } from '../../links.js';
import { definitionsOf, inlineText, lineOf, linkUrls, parseMarkdown } from '../../../core/markdown.js';
import type { RoadmapFacts, RoadmapFile, RoadmapSource } from '../types.js';

/** The category a heading names, or null. */
export function parseCategoryHeading(text: string): WantedCategory | null {
  const t = text.trim().toLowerCase();
  if (t.startsWith('required')) return 'required';
  if (t.startsWith('nice to have') || t.startsWith('nice-to-have')) return 'nice-to-have';
  if (t.startsWith('discussion needed') || t.startsWith('discussion-needed')) return 'discussion-needed';
  if (t.startsWith('low priority') || t.startsWith('low-priority')) return 'low-priority';
  if (t.startsWith('done')) return 'done';
  return null;
}

const LINK_LABELS: Record<string, string> = {
  'tracking issue': 'tracking issue',
  issue: 'issue',
  issues: 'issue',
  pr: 'PR',
  prs: 'PR',
  rfc: 'RFC',
  zulip: 'zulip',
  lore: 'lore',
  internals: 'internals',
  thread: 'thread',
};

/** Collect the wanted items of one list. */
export function collectWantedList(file: RoadmapFile): RoadmapFacts {
  const diagnostics: Diagnostic[] = [];
  const root: Root = parseMarkdown(file.text, file.path, diagnostics);
  const defs = definitionsOf(root);
  const wanted: WantedItem[] = [];
  let kind: 'feature' | 'bug' = 'feature';
  let category: WantedCategory | null = null;
  // True after an unknown category heading (already reported): its items are skipped without a second report.
  let badHeading = false;
  let other = false;
  for (const node of root.children) {
    if (node.type === 'heading') {
      const text = inlineText(node);
      if (node.depth === 1) continue;
      if (node.depth === 2) {
        // Items live under "## Features ..." and "## Bugs ..."; any other section (notes, a computed summary) is skipped.
        other = !/^(features|bugs)\b/i.test(text);
        kind = /^bugs\b/i.test(text) ? 'bug' : 'feature';
        category = null;
        badHeading = false;
      } else if (!other) {
        category = parseCategoryHeading(text);
        badHeading = category === null;
        if (category === null)
          diagnostics.push(
            diagnostic('roadmap/unknown-category', 'error', `unknown category heading "${text}"`, { file: file.path, line: lineOf(node) },
              'expected a heading that starts with Required, Nice to have, Discussion needed, Low priority or Done'),
          );
      }
      continue;
    }
    if (node.type !== 'list' || other) continue;
    if (category === null) {
      if (!badHeading)
        diagnostics.push(
          diagnostic('roadmap/item-without-category', 'error', 'list items outside any category heading', { file: file.path, line: lineOf(node) },
            'put items under a heading such as `### Required`'),
        );
      continue;
    }
    for (const item of node.children) wanted.push(collectItem(item, category, kind, file, defs, diagnostics));
  }
  return { wanted, diagnostics };
}

function collectItem(item: ListItem, category: WantedCategory, kind: 'feature' | 'bug', file: RoadmapFile, defs: Map<string, string>, diagnostics: Diagnostic[]): WantedItem {
  const place = { file: file.path, line: lineOf(item) };
  const paragraphs = item.children.filter((c) => c.type !== 'list');
  const title = paragraphs.map((p) => inlineText(p)).join(' ').replace(/\s+/g, ' ').trim();
  const out: WantedItem = {
    id: slugify(title),
    title,
    category,
    kind,
    status: [],
    summary: null,
    links: [],
    usedBy: [],
    cc: [],
    gates: [],
    place,
  };
  if (!title) diagnostics.push(diagnostic('roadmap/empty-item', 'error', 'a list item without a title', place, 'write the wanted feature on the checkbox line'));
  if (item.checked === true && category !== 'done')
    diagnostics.push(diagnostic('roadmap/checked-outside-done', 'warning', `"${title}" is checked but listed under ${category}`, place, 'move it to Done or uncheck it'));
  const gates: GateRef[][] = [collectGatesInText(title)];
  for (const p of paragraphs) out.links.push(...linksOf(p, defs));
  for (const sub of item.children.filter((c): c is List => c.type === 'list')) {
    for (const bullet of sub.children) collectBullet(bullet, out, gates, file, defs, diagnostics);
  }
  out.gates = mergeGates(...gates);
  out.mentions = collectMentions(inlineText(item));
  return out;
}

function linksOf(node: Nodes, defs: Map<string, string>, label?: string): Link[] {
  const text = inlineText(node);
  const fromUrls = linkUrls(node, defs).flatMap((u) => {
    // Keep the release written right after the link text, e.g. "rust-lang/rust#137043 (1.88)".
    const l = parseLink(u, label);
    return l ? [l] : [];
  });
  const fromText = collectLinksInText(text, label);
  const merged = new Map<string, Link>();
  for (const l of [...fromText, ...fromUrls]) {
    const prev = merged.get(l.url);
    if (!prev) merged.set(l.url, l);
    else if (!prev.release && l.release) prev.release = l.release;
  }
  // A release in parentheses after a rendered link ("... rust-lang/rust#137043 (1.88)") belongs to the last link.
  const rel = /\((\d+\.\d+(?:\.\d+)?|\?)\)\s*\.?\s*$/.exec(text);
  const all = [...merged.values()];
  if (rel && all.length > 0 && !all[all.length - 1]!.release) all[all.length - 1]!.release = rel[1]!;
  return all;
}

function collectBullet(bullet: ListItem, out: WantedItem, gates: GateRef[][], file: RoadmapFile, defs: Map<string, string>, diagnostics: Diagnostic[]): void {
  const place = { file: file.path, line: lineOf(bullet) };
  const paragraphs = bullet.children.filter((c) => c.type !== 'list');
  const text = paragraphs.map((p) => inlineText(p)).join(' ').replace(/\s+/g, ' ').trim();
  const m = /^([A-Za-z][A-Za-z -]{0,20}?):\s*(.*)$/.exec(text);
  const written = m ? m[1]!.toLowerCase() : null;
  // "Proposed gates:" names what rustc may not have yet, as gatewatch's own `proposed-gates` field does.
  const found = collectGatesInText(text);
  gates.push(written === 'proposed gates' ? found.map((g) => ({ ...g, proposed: true })) : found);
  // "PRs:", "Issues:" are the plural of a link label; "Status:" is not a plural.
  const label = written && !LINK_LABELS[written] && written.endsWith('s') && LINK_LABELS[written.slice(0, -1)] ? written.slice(0, -1) : written;
  const rest = m ? m[2]! : text;
  if (label && LINK_LABELS[label]) {
    const links = paragraphs.flatMap((p) => linksOf(p, defs, LINK_LABELS[label]));
    if (links.length === 0)
      diagnostics.push(diagnostic('roadmap/malformed-link', 'error', `"${LINK_LABELS[label]}:" line without a link: "${rest}"`, place, 'expected a URL or owner/name#number, optionally followed by the release in parentheses'));
    out.links.push(...links);
  } else if (label === 'summary') {
    out.summary = out.summary ? `${out.summary} ${rest}` : rest;
  } else if (label === 'status') {
    out.status.push(rest);
    for (const p of paragraphs) out.links.push(...linksOf(p, defs));
  } else if (label === 'used by') {
    out.usedBy.push(...rest.split(/,\s*|\s+and\s+/).map((s) => s.replace(/`/g, '').trim().replace(/\.$/, '')).filter(Boolean));
  } else if (label === 'cc') {
    out.cc.push(...(rest.match(/@[\w-]+/g) ?? []));
  } else {
    for (const p of paragraphs) out.links.push(...linksOf(p, defs));
  }
  for (const sub of bullet.children.filter((c): c is List => c.type === 'list'))
    for (const b of sub.children) collectBullet(b, out, gates, file, defs, diagnostics);
}

/** The wanted-list source: Markdown with the category headings of the Rust-for-Linux lists. */
export const wantedListSource: RoadmapSource = {
  name: 'wanted-list',
  detect: (f) => /\.(md|markdown)$/i.test(f.path) && /^#{1,4}\s+(Required|Nice to have|Done|Features that we would like|Bugs that we would like)/im.test(f.text),
  collect: collectWantedList,
};
