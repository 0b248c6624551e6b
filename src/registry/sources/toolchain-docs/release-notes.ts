/**
 * Rust's release notes as installed with a toolchain's docs, `share/doc/rust/html/releases.md`
 * (https://github.com/rust-lang/rust/blob/master/RELEASES.md): a `Version X.Y.Z (date)` heading per release,
 * list items linking pull requests. Read with the same mdast + GFM parse as the roadmap (src/core/markdown.ts).
 * We keep items that stabilise a name written as inline code, so a feature gate or flag named there gets the
 * release and the pull request as a (weak) fact.
 */
import type { Nodes } from 'mdast';
import { definitionsOf, parseMarkdown } from '../../../core/markdown.js';
import type { FeatureFact } from '../../types.js';

const textOf = (n: Nodes): string => ('value' in n ? n.value : 'children' in n ? (n.children as Nodes[]).map(textOf).join('') : '');

function walk(n: Nodes, visit: (n: Nodes) => void): void {
  visit(n);
  if ('children' in n) for (const c of n.children as Nodes[]) walk(c, visit);
}

/** Stabilisations named in the release notes: `{name, status: 'stable', since, pull}` per inline-code name. */
export function parseReleaseNotes(markdown: string, file = 'releases.md'): FeatureFact[] {
  const facts: FeatureFact[] = [];
  // One release at a time: reference-style links are defined inside each release's section, and small
  // documents keep the parser's memory flat.
  let offset = 0;
  for (const section of markdown.split(/\n(?=Version \d+\.\d+\.\d+ \()/)) {
    const lines = section.split('\n');
    facts.push(...parseReleaseSection(keepStabilisations(lines), file, offset));
    offset += lines.length;
  }
  return facts;
}

/**
 * The parser is slow on the whole file (about 15k lines), and most items stabilise nothing; blank out the
 * top-level list items that do not mention a stabilisation, keeping line numbers. What remains is parsed as
 * Markdown as before.
 */
function keepStabilisations(lines: string[]): string {
  const out = [...lines];
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    if (!/\bstabili[sz]/i.test(lines.slice(start, end).join(' '))) for (let i = start; i < end; i++) out[i] = '';
    start = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^[-*] /.test(l)) {
      flush(i);
      start = i;
    } else if (start >= 0 && !/^\s+\S/.test(l)) flush(i);
  }
  flush(lines.length);
  return out.join('\n');
}

function parseReleaseSection(markdown: string, file: string, lineOffset: number): FeatureFact[] {
  const tree = parseMarkdown(markdown);
  const facts: FeatureFact[] = [];
  // Reference-style links (`[text][132833]`) point at definitions elsewhere in the section.
  const definitions = definitionsOf(tree);
  let version: string | null = null;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const v = /^Version (\d+\.\d+\.\d+)/.exec(textOf(node).trim())?.[1];
      if (v) version = v;
      continue;
    }
    if (node.type !== 'list' || !version) continue;
    for (const item of node.children) {
      const text = textOf(item);
      if (!/\bstabili[sz]e/i.test(text)) continue;
      let pull: number | undefined;
      const codes: string[] = [];
      walk(item, (n) => {
        if ((n.type === 'link' || n.type === 'linkReference') && pull === undefined) {
          const url = n.type === 'link' ? n.url : definitions.get(n.identifier.toLowerCase());
          const p = /rust-lang\/rust\/pull\/(\d+)/.exec(url ?? '')?.[1];
          if (p) pull = Number(p);
        }
        if (n.type === 'inlineCode' && n.value) codes.push(n.value);
      });
      for (const c of codes) {
        const flag = /^-Z\s*([a-z0-9_-]+)/.exec(c)?.[1];
        const name = flag ? `-Z${flag.replace(/_/g, '-')}` : /^[a-z][a-z0-9_]*$/.test(c) && c.includes('_') ? c : null;
        if (!name) continue;
        facts.push({ name, status: 'stable', since: version, ...(pull ? { pull } : {}), at: `${file}:${lineOffset + (item.position?.start.line ?? 0)}` });
      }
    }
  }
  return facts;
}
