/**
 * Markdown as gatewatch reads it (roadmap sources, release notes): CommonMark + GFM (tables, task lists, autolinks) via mdast.
 * https://github.github.com/gfm/ , https://github.com/syntax-tree/mdast
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Code, Nodes, Root } from 'mdast';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { parseInPieces } from './markdown-pieces.js';

/**
 * Deepest nesting of Markdown nodes read. Real lists and quotes nest a few levels; thousands of `>` or `- ` would
 * overflow the stack of every recursive walk over the tree (mdast's own transforms included).
 */
export const MAX_MARKDOWN_DEPTH = 64;

// Made once: a long document is read in many pieces.
const GFM = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };
const parseWhole = (text: string): Root => fromMarkdown(text, GFM);
const parseGfm = (text: string): Root => parseInPieces(text, parseWhole);

/** Lines (1-based, first and last) of the nodes nested deeper than the bound, found without recursion. */
function tooDeep(root: Root): [number, number][] {
  const spans: [number, number][] = [];
  const stack: [Nodes, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_MARKDOWN_DEPTH) {
      if (node.position) spans.push([node.position.start.line, node.position.end.line]);
      continue;
    }
    if ('children' in node) for (const c of node.children as Nodes[]) stack.push([c, depth + 1]);
  }
  return spans;
}

/** How many block containers (block quotes, list items) a line opens at its start, as CommonMark reads their markers. */
function containerOpeners(line: string): number {
  let n = 0;
  let i = 0;
  for (;;) {
    let j = i;
    while (j - i < 3 && line[j] === ' ') j++;
    const c = line[j];
    if (c === '>') j++;
    else if ((c === '-' || c === '+' || c === '*') && (line[j + 1] === ' ' || line[j + 1] === '\t')) j++;
    else return n;
    n++;
    if (line[j] === ' ' || line[j] === '\t') j++;
    i = j;
  }
}

/**
 * A fenced code block that never closes: it runs to the end of the document and its last line is no closing fence.
 * Everything after its opening line is then code, which would silently drop the items written there.
 */
function unclosedFence(root: Root, text: string): Code | undefined {
  const last = root.children.at(-1);
  if (last?.type !== 'code' || !last.position || last.position.end.offset === undefined) return undefined;
  const source = text.slice(last.position.start.offset, last.position.end.offset).trimEnd();
  const opening = /^\s*(`{3,}|~{3,})/.exec(source)?.[1];
  if (!opening) return undefined;
  const lines = source.split('\n');
  const closing = lines.length > 1 ? lines.at(-1)!.trim() : '';
  return closing.startsWith(opening) && /^(`+|~+)$/.test(closing) ? undefined : last;
}

/**
 * Parse Markdown text into an mdast tree with GFM. Never throws and never loses text silently: content nested deeper
 * than `MAX_MARKDOWN_DEPTH` is left out, and a code fence that never closes is read as if its opening line were not
 * there, each with a diagnostic at its line (`file` names the place).
 */
export function parseMarkdown(text: string, file?: string, diagnostics: Diagnostic[] = []): Root {
  const place = (line: number) => ({ ...(file !== undefined ? { file } : {}), line });
  let root: Root | undefined;
  let deep: [number, number][] = [];
  // A line opening thousands of containers (`> > > ...`, `- - - ...`) is left out before parsing: mdast's lists
  // cost the square of their nesting to build. Deep nesting over many lines is found in the tree below.
  if (text.includes('> >') || text.includes('- -') || text.includes('>>') || text.includes('* *') || text.includes('+ +')) {
    text.split('\n').forEach((line, i) => {
      if (containerOpeners(line) > MAX_MARKDOWN_DEPTH) deep.push([i + 1, i + 1]);
    });
  }
  if (deep.length === 0) {
    try {
      root = parseGfm(text);
      deep = tooDeep(root);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // GFM's own transforms recurse: find the deep parts in a tree made without them.
      deep = tooDeep(fromMarkdown(text, { extensions: [gfm()] }));
    }
  }
  if (deep.length > 0) {
    const lines = text.split('\n');
    for (const [from, to] of deep) for (let l = from; l <= to; l++) lines[l - 1] = '';
    const first = deep.reduce((min, [from]) => Math.min(min, from), Infinity);
    diagnostics.push(
      diagnostic('roadmap/nested-too-deep', 'warning', `Markdown nested more than ${MAX_MARKDOWN_DEPTH} levels deep (lists or quotes); the lines nested deeper are not read`, place(first), 'flatten the nesting'),
    );
    text = lines.join('\n');
    root = parseGfm(text);
  }
  root ??= parseGfm(text);
  for (let guard = 0; guard < 100; guard++) {
    const fence = unclosedFence(root, text);
    if (!fence) break;
    const line = fence.position!.start.line;
    diagnostics.push(
      diagnostic('roadmap/unclosed-code-fence', 'warning', 'a code fence that is never closed: the rest of the file would be code; read as if the fence were not there', place(line), 'close the fence with a line of the same backticks'),
    );
    const lines = text.split('\n');
    lines[line - 1] = '';
    text = lines.join('\n');
    root = parseGfm(text);
  }
  return root;
}

/** Inline text of a node, keeping backticks around code so gate names stay recognisable. */
export function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'inlineCode':
      return '`' + node.value + '`';
    case 'break':
      return ' ';
    case 'image':
      return node.alt ?? '';
    case 'imageReference':
      return node.alt ?? '';
    case 'html':
      return '';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(inlineText).join('') : '';
  }
}

/** URLs of the links inside a node (inline links, autolinks, and resolved reference links). */
export function linkUrls(node: Nodes, definitions: Map<string, string>): string[] {
  const out: string[] = [];
  const visit = (n: Nodes) => {
    if (n.type === 'link') out.push(n.url);
    else if (n.type === 'linkReference') {
      const url = definitions.get(n.identifier.toLowerCase());
      if (url) out.push(url);
      else out.push(inlineText(n));
    }
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(node);
  return out;
}

/** `[label]: url` definitions of a document, by lower-cased identifier: the first of a label, as links resolve it. */
export function definitionsOf(root: Root): Map<string, string> {
  const defs = new Map<string, string>();
  const visit = (n: Nodes) => {
    // The first definition of a label is the one links use (CommonMark); later ones are ignored.
    if (n.type === 'definition' && !defs.has(n.identifier.toLowerCase())) defs.set(n.identifier.toLowerCase(), n.url);
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(root);
  return defs;
}

/** 1-based line where a node starts, or 0 when unknown. */
export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 0;
}
