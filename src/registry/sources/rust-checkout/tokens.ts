/**
 * Helpers for reading macro token trees from tree-sitter-rust (https://github.com/tree-sitter/tree-sitter-rust):
 * the bodies of `declare_features!`, `options!` and `macro_rules!` are `token_tree` nodes, not syntax.
 */
import type { SyntaxNode } from '../../../rust/parser.js';

/** The children of a token tree without its delimiters and comments. */
export function innerTokens(tokenTree: SyntaxNode): SyntaxNode[] {
  const kids = tokenTree.children.filter((c): c is SyntaxNode => c !== null);
  return kids.filter((c, i) => {
    if (c.type === 'line_comment' || c.type === 'block_comment') return false;
    if (i === 0 && ['(', '[', '{'].includes(c.type)) return false;
    if (i === kids.length - 1 && [')', ']', '}'].includes(c.type)) return false;
    return true;
  });
}

/** Split tokens at top-level commas. */
export function splitCommas(tokens: SyntaxNode[]): SyntaxNode[][] {
  const out: SyntaxNode[][] = [];
  let cur: SyntaxNode[] = [];
  for (const t of tokens) {
    if (t.type === ',') {
      out.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', "'": "'" };

/** The value of a Rust string literal node, escapes decoded (a `\` before a newline also eats the indentation). */
export function literalValue(n: SyntaxNode): string {
  if (n.type === 'raw_string_literal') {
    const m = /^r(#*)"([\s\S]*)"\1$/.exec(n.text);
    return m?.[2] ?? n.text;
  }
  let out = '';
  let skipIndent = false;
  for (const c of n.children) {
    if (!c) continue;
    if (c.type === 'string_content') {
      out += skipIndent ? c.text.replace(/^\s+/, '') : c.text;
      skipIndent = false;
    } else if (c.type === 'escape_sequence') {
      const e = c.text.slice(1);
      if (e.startsWith('\n') || e.startsWith('\r')) skipIndent = true;
      else if (e.startsWith('u{')) out += String.fromCodePoint(parseInt(e.slice(2, -1), 16));
      else if (e.startsWith('x')) out += String.fromCharCode(parseInt(e.slice(1), 16));
      else out += ESCAPES[e] ?? e;
    }
  }
  return out;
}

/** True for string literal nodes of either kind. */
export const isStringLiteral = (n: SyntaxNode | undefined): boolean =>
  n !== undefined && (n.type === 'string_literal' || n.type === 'raw_string_literal');

/** Every node of a type below (and including) a node, in document order. */
export function descendantsOfType(root: SyntaxNode, types: string[]): SyntaxNode[] {
  return root.descendantsOfType(types).filter((n): n is SyntaxNode => n !== null);
}
