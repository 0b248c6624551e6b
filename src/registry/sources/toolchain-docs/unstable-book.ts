/**
 * The Unstable Book as installed with a toolchain's docs (https://doc.rust-lang.org/nightly/unstable-book/):
 * `share/doc/rust/html/unstable-book/{language-features,library-features,compiler-flags}/*.html`, one page per
 * name, whose `<h1>` holds the name in `<code>` and whose text names the tracking issue. HTML is not Rust, so a
 * small tag-aware extraction of `<main>` is enough.
 */
import type { FeatureKind } from '../../../model/registry.js';
import type { FeatureFact } from '../../types.js';

/** The three chapters and the kind of name each documents. */
export const UNSTABLE_BOOK_CHAPTERS: { dir: string; kind: FeatureKind }[] = [
  { dir: 'language-features', kind: 'lang' },
  { dir: 'library-features', kind: 'lib' },
  { dir: 'compiler-flags', kind: 'flag' },
];

const decode = (s: string) =>
  s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** What one page says, or null when the page does not document a single name (e.g. an overview page). */
export function parseUnstableBookPage(html: string, kind: FeatureKind, at: string): FeatureFact | null {
  const main = /<main>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? html;
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(main)?.[1];
  // The name is the heading's <code>, or on a few pages the heading's plain text.
  const code = h1 ? (/<code>([\s\S]*?)<\/code>/.exec(h1)?.[1] ?? decode(h1).trim()) : undefined;
  if (!code) return null;
  let name = decode(code).trim();
  if (kind === 'flag') {
    if (name.startsWith('-') && !name.startsWith('-Z')) return null;
    name = `-Z${name.replace(/^-Z\s*/, '').replace(/_/g, '-')}`;
    if (!/^-Z[a-z0-9-]+$/.test(name)) return null;
  } else {
    // A few pages spell the feature with dashes (`intra-doc-pointers`); feature names never hold one.
    name = name.replace(/-/g, '_');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return null;
  }
  let trackingIssue: number | null = null;
  const t = /tracking issue for this feature is:?\s*([^\n]{0,200})/i.exec(main);
  if (t) {
    const issue = /\/issues\/(\d+)/.exec(t[1]!)?.[1] ?? /#(\d+)/.exec(t[1]!)?.[1];
    if (issue && !/compiler-team/.test(t[1]!)) trackingIssue = Number(issue);
  }
  const fact: FeatureFact = { name, kind, status: 'unstable', since: null, trackingIssue, at };
  if (kind === 'flag') {
    const firstPara = /<hr>\s*<p>([\s\S]*?)<\/p>/.exec(main)?.[1];
    if (firstPara) fact.help = decode(firstPara).replace(/\s+/g, ' ').trim().slice(0, 200);
  }
  return fact;
}
