/**
 * Markdown as gatewatch reads it (roadmap sources, release notes): CommonMark + GFM (tables, task lists, autolinks) via mdast.
 * https://github.github.com/gfm/ , https://github.com/syntax-tree/mdast
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Root } from 'mdast';

/** Parse Markdown text into an mdast tree with GFM. */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
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

/** `[label]: url` definitions of a document, by lower-cased identifier. */
export function definitionsOf(root: Root): Map<string, string> {
  const defs = new Map<string, string>();
  const visit = (n: Nodes) => {
    if (n.type === 'definition') defs.set(n.identifier.toLowerCase(), n.url);
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(root);
  return defs;
}

/** 1-based line where a node starts, or 0 when unknown. */
export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 0;
}
