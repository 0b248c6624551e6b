/**
 * Attribute meta items from a tree-sitter `attribute` node, in the shape of Rust's own
 * `MetaItem` (https://doc.rust-lang.org/reference/attributes.html#meta-item-attribute-syntax):
 * a word (`no_std`), a list (`feature(a, b)`), or name = value (`feature = "x"`).
 */
import type { SyntaxNode } from './parser.js';

interface Place {
  /** 1-based line and column of the item's name. */
  line: number;
  column: number;
}

export type MetaItem =
  | ({ kind: 'word'; name: string } & Place)
  | ({ kind: 'list'; name: string; items: MetaItem[]; endLine: number } & Place)
  | ({ kind: 'name-value'; name: string; value: string } & Place)
  | ({ kind: 'literal'; value: string } & Place)
  /** Tokens that do not form a meta item (e.g. `feature(a b)`), kept for diagnostics. */
  | ({ kind: 'malformed'; text: string } & Place);

const place = (n: SyntaxNode): Place => ({ line: n.startPosition.row + 1, column: n.startPosition.column + 1 });

/** Name of a path node (`feature`, `rustc_const_unstable`, `core::prelude`). */
function pathText(n: SyntaxNode): string {
  return n.text.replace(/\s+/g, '');
}

/** Unquote a Rust string literal node's text; raw strings keep their content. */
export function stringValue(n: SyntaxNode): string {
  const content = n.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type === 'string_content');
  if (content.length > 0) return content.map((c) => c.text).join('');
  const t = n.text;
  const m = /^r(#*)"([\s\S]*)"\1$/.exec(t);
  if (m) return m[2] ?? '';
  return t.replace(/^"|"$/g, '');
}

/** Split a token tree's children into comma-separated groups, skipping the delimiters. */
function groups(tokenTree: SyntaxNode): SyntaxNode[][] {
  const out: SyntaxNode[][] = [];
  let cur: SyntaxNode[] = [];
  const children = tokenTree.children.filter((c): c is SyntaxNode => c !== null);
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if ((i === 0 && ['(', '[', '{'].includes(c.type)) || (i === children.length - 1 && [')', ']', '}'].includes(c.type))) {
      continue;
    }
    if (c.type === 'line_comment' || c.type === 'block_comment') continue;
    if (c.type === ',') {
      out.push(cur);
      cur = [];
      continue;
    }
    cur.push(c);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

function itemFromTokens(tokens: SyntaxNode[]): MetaItem | null {
  if (tokens.length === 0) return null;
  const first = tokens[0]!;
  const isName = first.type === 'identifier' || first.type === 'scoped_identifier' || first.type === 'self' || first.type === 'crate' || first.type === 'super';
  if (tokens.length === 1) {
    if (isName) return { kind: 'word', name: pathText(first), ...place(first) };
    if (first.type === 'string_literal' || first.type === 'raw_string_literal') return { kind: 'literal', value: stringValue(first), ...place(first) };
    if (first.type.endsWith('_literal')) return { kind: 'literal', value: first.text, ...place(first) };
  }
  if (isName && tokens.length === 2 && tokens[1]!.type === 'token_tree') {
    return listItem(pathText(first), tokens[1]!, first);
  }
  if (isName && tokens.length === 3 && tokens[1]!.type === '=') {
    const v = tokens[2]!;
    const value = v.type === 'string_literal' || v.type === 'raw_string_literal' ? stringValue(v) : v.text;
    return { kind: 'name-value', name: pathText(first), value, ...place(first) };
  }
  // Paths such as `a::b` come as separate tokens inside a token tree: identifiers joined by `::`. Two names in a
  // row (`feature(a b)`, a missing comma) are no path: they fall through to malformed.
  let i = 0;
  let name = '';
  if (first.type === 'identifier') {
    name = first.text;
    i = 1;
    while (i + 1 < tokens.length && tokens[i]!.type === '::' && tokens[i + 1]!.type === 'identifier') {
      name += `::${tokens[i + 1]!.text}`;
      i += 2;
    }
  }
  if (name) {
    const rest = tokens.slice(i);
    if (rest.length === 0) return { kind: 'word', name, ...place(first) };
    if (rest.length === 1 && rest[0]!.type === 'token_tree') return listItem(name, rest[0]!, first);
    if (rest.length === 2 && rest[0]!.type === '=') {
      const v = rest[1]!;
      const value = v.type === 'string_literal' || v.type === 'raw_string_literal' ? stringValue(v) : v.text;
      return { kind: 'name-value', name, value, ...place(first) };
    }
  }
  return { kind: 'malformed', text: tokens.map((t) => t.text).join(' '), ...place(first) };
}

function listItem(name: string, tokenTree: SyntaxNode, nameNode: SyntaxNode): MetaItem {
  const items: MetaItem[] = [];
  for (const g of groups(tokenTree)) {
    const it = itemFromTokens(g);
    if (it) items.push(it);
  }
  return { kind: 'list', name, items, endLine: tokenTree.endPosition.row + 1, ...place(nameNode) };
}

/**
 * The meta item of an `attribute` node (the inside of `#[...]` or `#![...]`).
 * Returns null when the node is not an attribute.
 */
export function metaOfAttribute(attribute: SyntaxNode): MetaItem | null {
  if (attribute.type !== 'attribute') return null;
  const children = attribute.children.filter((c): c is SyntaxNode => c !== null);
  const nameNode = children[0];
  if (!nameNode) return null;
  const name = pathText(nameNode);
  const args = attribute.childForFieldName('arguments');
  if (args) return listItem(name, args, nameNode);
  const value = attribute.childForFieldName('value');
  if (value) {
    const v = value.type === 'string_literal' || value.type === 'raw_string_literal' ? stringValue(value) : value.text;
    return { kind: 'name-value', name, value: v, ...place(nameNode) };
  }
  return { kind: 'word', name, ...place(nameNode) };
}
