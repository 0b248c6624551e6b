/**
 * Links as roadmap entries write them: GitHub issue/PR URLs or `owner/name#N` references, optionally followed by
 * the release a PR landed in, in parentheses (`(1.88)`, `(?)`), as the Rust-for-Linux lists do; RFCs, Zulip
 * threads, lore.kernel.org posts and internals.rust-lang.org threads. Works on small extracted strings only.
 */
import type { Link, LinkKind } from '../model/roadmap.js';

const GITHUB = /^https?:\/\/github\.com\/([\w.-]+\/[\w.-]+)\/(issues|pull)\/(\d+)/;
const SHORT = /^([\w.-]+\/[\w.-]+)#(\d+)$/;
const RELEASE = /\(\s*(\d+\.\d+(?:\.\d+)?|\?)\s*\)/;

/** Parse one link (`rust-lang/rust#137043 (1.88)`, a URL, `RFC 3519`); null when it is not a link. */
export function parseLink(text: string, label?: string): Link | null {
  // `[rust-lang/rust#1]` without a definition stays literal text in Markdown: drop the brackets.
  const t = text.trim().replace(/^\[([^\]]*)\]$/, '$1').replace(/[.,;]+$/, '');
  const rel = RELEASE.exec(t);
  const head = t.replace(RELEASE, '').trim().replace(/[.,;]+$/, '');
  const withRelease = (l: Link): Link => {
    if (rel) l.release = rel[1]!;
    if (label) l.label = label;
    return l;
  };
  let m = SHORT.exec(head);
  // A short reference does not say issue or PR; one with a release (or labelled PR) is a PR that landed.
  if (m) return withRelease(githubLink(m[1]!, Number(m[2]), rel || label === 'PR' ? 'pr' : undefined));
  m = GITHUB.exec(head);
  if (m) return withRelease(githubLink(m[1]!, Number(m[3]), m[2] === 'pull' ? 'pr' : 'issue'));
  m = /^RFC\s*#?(\d+)$/i.exec(head);
  if (m) return withRelease({ kind: 'rfc', url: `https://github.com/rust-lang/rfcs/pull/${m[1]}`, repo: 'rust-lang/rfcs', number: Number(m[1]) });
  if (/^https?:\/\//.test(head)) return withRelease({ kind: urlKind(head), url: head });
  return null;
}

function githubLink(repo: string, number: number, kind: 'issue' | 'pr' | undefined): Link {
  const k: LinkKind = repo === 'rust-lang/rfcs' ? 'rfc' : repo === 'rust-lang/rust-project-goals' || repo === 'rust-lang/goals' ? 'goal' : (kind ?? 'issue');
  const path = kind === 'pr' || k === 'rfc' ? 'pull' : 'issues';
  return { kind: k, url: `https://github.com/${repo}/${path}/${number}`, repo, number };
}

function urlKind(url: string): LinkKind {
  if (/zulipchat\.com/.test(url)) return 'zulip';
  if (/lore\.kernel\.org/.test(url)) return 'lore';
  if (/internals\.rust-lang\.org/.test(url)) return 'internals';
  if (/rust-lang\.github\.io\/rfcs|github\.com\/rust-lang\/rfcs/.test(url)) return 'rfc';
  if (/rust-project-goals|rust-lang\.github\.io\/(rust-project-)?goals/.test(url)) return 'goal';
  return 'url';
}

/** The short form a reviewer reads: `rust-lang/rust#137043 (1.88)` or the URL. */
export function renderLink(l: Link): string {
  const base = l.repo && l.number !== undefined ? `${l.repo}#${l.number}` : l.url;
  return l.release ? `${base} (${l.release})` : base;
}

/** Every link written in a line of text: URLs and `owner/name#N`, each with a release in parentheses after it. */
export function collectLinksInText(text: string, label?: string): Link[] {
  const out: Link[] = [];
  const re = /(https?:\/\/[^\s<>()]+[^\s<>().,;]|[\w.-]+\/[\w.-]+#\d+)(\s*\((?:\d+\.\d+(?:\.\d+)?|\?)\))?/g;
  for (const m of text.matchAll(re)) {
    const l = parseLink(m[0], label);
    if (l) out.push(l);
  }
  return out;
}
