/**
 * The Unstable Book as installed with a toolchain's docs (https://doc.rust-lang.org/nightly/unstable-book/):
 * `share/doc/rust/html/unstable-book/{language-features,library-features,compiler-flags}/*.html`, one page per
 * name, whose `<h1>` holds the name in `<code>` and whose text names the tracking issue or issues ("The tracking
 * issues for this feature are:" followed by a list). Read with a real HTML parser (hast-util-from-html, the
 * WHATWG algorithm through parse5), so entities, attributes and nesting are the browser's.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { FeatureKind } from '../../../model/registry.js';
import type { FeatureFact } from '../../types.js';

/** The three chapters and the kind of name each documents. */
export const UNSTABLE_BOOK_CHAPTERS: { dir: string; kind: FeatureKind }[] = [
  { dir: 'language-features', kind: 'lang' },
  { dir: 'library-features', kind: 'lib' },
  { dir: 'compiler-flags', kind: 'flag' },
];

type Node = Root | RootContent | ElementContent;

const isElement = (n: Node, tag?: string): n is Element => n.type === 'element' && (tag === undefined || n.tagName === tag);

/** Text content of a node, as a browser's `textContent`. */
function textOf(n: Node): string {
  if (n.type === 'text') return n.value;
  return 'children' in n ? (n.children as Node[]).map(textOf).join('') : '';
}

/** First element with this tag name, depth first. */
function find(n: Node, tag: string): Element | undefined {
  if (isElement(n, tag)) return n;
  if (!('children' in n)) return undefined;
  for (const c of n.children as Node[]) {
    const hit = find(c, tag);
    if (hit) return hit;
  }
  return undefined;
}

/** Text with each link's target before its text, so issue URLs behind `#123` links are seen. */
function linkText(n: Node): string {
  if (isElement(n, 'a')) return ` ${String(n.properties.href ?? '')} ${textOf(n)}`;
  if (n.type === 'text') return n.value;
  return 'children' in n ? (n.children as Node[]).map(linkText).join('') : '';
}

const TRACKING = /tracking issues? for this feature (?:is|are)/i;

/**
 * Tracking issues the page names: in the paragraph that says so, after the words, and in the list right after
 * it when the paragraph ends with "are:". Links to rust-lang/rust issues count by their URL, other links (a
 * pull request) by their `#123` text; a compiler-team issue (a major change proposal) is no tracking issue.
 */
function trackingIssues(main: Element): number[] {
  const blocks = main.children.filter((c): c is Element => isElement(c));
  const at = blocks.findIndex((b) => b.tagName === 'p' && TRACKING.test(textOf(b)));
  if (at < 0) return [];
  const para = linkText(blocks[at]!);
  let text = para.slice(para.search(TRACKING));
  const next = blocks[at + 1];
  if (/:\s*$/.test(text) && next && (next.tagName === 'ul' || next.tagName === 'ol')) text += linkText(next);
  if (/compiler-team/.test(text)) return [];
  const byUrl = [...text.matchAll(/\/issues\/(\d+)/g)].map((m) => Number(m[1]));
  const issues = [...new Set(byUrl.length > 0 ? byUrl : [...text.matchAll(/#(\d+)/g)].map((m) => Number(m[1])))];
  // "The tracking issue ... is" names one; later issues in the paragraph are related work, not this feature's.
  return TRACKING.exec(text)![0].endsWith('are') ? issues : issues.slice(0, 1);
}

/** What one page says, or null when the page does not document a single name (e.g. an overview page). */
export function parseUnstableBookPage(html: string, kind: FeatureKind, at: string): FeatureFact | null {
  // Each page repeats the book's whole table of contents around its <main>; parsing only <main> as a fragment
  // makes the parse several times cheaper and cannot change what the page's own content says.
  const start = html.indexOf('<main>');
  const end = html.lastIndexOf('</main>');
  const root = start >= 0 && end > start ? fromHtml(html.slice(start, end + '</main>'.length), { fragment: true }) : fromHtml(html);
  const main = find(root, 'main') ?? find(root, 'body');
  const h1 = main && find(main, 'h1');
  if (!main || !h1) return null;
  // The name is the heading's <code>, or on a few pages the heading's plain text.
  const code = find(h1, 'code');
  let name = textOf(code ?? h1).trim();
  if (!name) return null;
  if (kind === 'flag') {
    if (name.startsWith('-') && !name.startsWith('-Z')) return null;
    name = `-Z${name.replace(/^-Z\s*/, '').replace(/_/g, '-')}`;
    if (!/^-Z[a-z0-9-]+$/.test(name)) return null;
  } else {
    // A few pages spell the feature with dashes (`intra-doc-pointers`); feature names never hold one.
    name = name.replace(/-/g, '_');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return null;
  }
  const issues = trackingIssues(main);
  const fact: FeatureFact = { name, kind, status: 'unstable', since: null, trackingIssue: issues[0] ?? null, at };
  if (issues.length > 1) fact.trackingIssues = issues;
  if (kind === 'flag') {
    // The flag's description is the first paragraph after the rule under the tracking issue.
    const blocks = main.children.filter((c): c is Element => isElement(c));
    const hr = blocks.findIndex((b) => b.tagName === 'hr');
    const first = hr >= 0 ? blocks[hr + 1] : undefined;
    if (first && first.tagName === 'p') fact.help = textOf(first).replace(/\s+/g, ' ').trim().slice(0, 200);
  }
  return fact;
}
