/**
 * Crate-level feature gates in Rust source: `#![feature(a, b)]` and `#![cfg_attr(PRED, feature(c))]`
 * (https://doc.rust-lang.org/reference/conditional-compilation.html#the-cfg_attr-attribute), nested cfg_attr
 * included, read with tree-sitter so that doc-test examples (`/// #![feature(x)]`), strings, macro bodies and
 * stability attributes (`#[stable(feature = "x")]`) can never count. Also the kernel's comment groups above the
 * feature lines ("Stable since Rust 1.79.0.", "Expected to become stable.") as claims.
 */
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { conditionText, type Guard } from '../../model/guard.js';
import type { Claim, Occurrence } from '../../model/scan.js';
import { loadRustParser, type SyntaxNode } from '../../rust/parser.js';
import { metaOfAttribute, type MetaItem } from '../../rust/meta.js';
import { classifyClaimText } from '../claim-text.js';
import type { ScanContext, ScanSource, SourceFacts, SourceFile } from '../types.js';

const IDENT = /^(?:r#)?[A-Za-z_][A-Za-z0-9_]*$/;

/** Render a cfg predicate back to source form: `not(CONFIG_X)`, `feature = "alloc"`. */
function renderMeta(m: MetaItem): string {
  switch (m.kind) {
    case 'word':
      return m.name;
    case 'list':
      return `${m.name}(${m.items.map(renderMeta).join(', ')})`;
    case 'name-value':
      return `${m.name} = "${m.value}"`;
    case 'literal':
      return JSON.stringify(m.value);
    case 'malformed':
      return m.text;
  }
}

/** Guards for one cfg predicate: Kconfig symbols become config guards, `all(..)` splits, the rest stays cfg. */
function guardsOfPredicate(pred: MetaItem): Guard[] {
  if (pred.kind === 'word' && pred.name.startsWith('CONFIG_')) {
    return [{ type: 'config', symbol: pred.name, negated: false, text: pred.name }];
  }
  if (pred.kind === 'list' && pred.name === 'not' && pred.items.length === 1) {
    const inner = pred.items[0]!;
    if (inner.kind === 'word' && inner.name.startsWith('CONFIG_')) {
      return [{ type: 'config', symbol: inner.name, negated: true, text: `not(${inner.name})` }];
    }
  }
  if (pred.kind === 'list' && pred.name === 'all') return pred.items.flatMap(guardsOfPredicate);
  const text = renderMeta(pred);
  return [{ type: 'cfg', predicate: text, text }];
}

interface Collected {
  occurrences: Occurrence[];
  diagnostics: Diagnostic[];
}

/** Walk one attribute's meta: `feature(...)` gives occurrences, `cfg_attr(p, ...)` recurses with a guard. */
function collectMeta(meta: MetaItem, guards: Guard[], via: 'crate-attr' | 'cfg-attr', file: string, crate: string | null, out: Collected): void {
  if (meta.kind === 'malformed' || meta.kind === 'literal') return;
  if (meta.name === 'feature') {
    if (meta.kind !== 'list') {
      out.diagnostics.push(
        diagnostic('rust/malformed-feature-attribute', 'warning', `malformed feature attribute: expected \`feature(name, ...)\`, received \`${renderMeta(meta)}\``, { file, line: meta.line, column: meta.column }),
      );
      return;
    }
    for (const item of meta.items) {
      if (item.kind === 'word' && IDENT.test(item.name)) {
        out.occurrences.push({
          kind: 'feature',
          name: item.name.replace(/^r#/, ''),
          value: null,
          file,
          line: item.line,
          column: item.column,
          crate,
          arch: null,
          condition: conditionText(guards),
          via,
          guards: [...guards],
        });
      } else {
        out.diagnostics.push(
          diagnostic('rust/malformed-feature-attribute', 'warning', `malformed feature name in \`#![feature(...)]\`: expected an identifier, received \`${renderMeta(item)}\``, { file, line: item.line, column: item.column }),
        );
      }
    }
    return;
  }
  if (meta.name === 'cfg_attr') {
    if (meta.kind !== 'list' || meta.items.length < 2) {
      out.diagnostics.push(
        diagnostic('rust/malformed-cfg-attr', 'warning', `malformed cfg_attr: expected \`cfg_attr(predicate, attribute, ...)\`, received \`${renderMeta(meta)}\``, { file, line: meta.line, column: meta.column }),
      );
      return;
    }
    const [pred, ...attrs] = meta.items;
    const inner = [...guards, ...guardsOfPredicate(pred!)];
    for (const a of attrs) collectMeta(a, inner, 'cfg-attr', file, crate, out);
  }
}

/**
 * Text of a plain line or block comment (doc comments are not claim comments), given its type and source text.
 * Which comments are doc comments is decided from their text, as the Reference defines it
 * (https://doc.rust-lang.org/reference/comments.html): `///` not followed by `/`, `//!`, `/**` not followed by `*`
 * or `/`, and `/*!`. The same answer as asking the tree for the comment's doc marker, without three calls into the
 * parser per comment.
 */
function plainCommentText(type: string, t: string): string | null {
  if (type === 'line_comment') {
    if (t.startsWith('//!') || (t.startsWith('///') && !t.startsWith('////'))) return null;
    return t.replace(/^\/\/+/, '').trim();
  }
  if (type === 'block_comment') {
    if (t.startsWith('/*!') || (t.startsWith('/**') && !t.startsWith('/***') && !t.startsWith('/**/'))) return null;
    return t.replace(/^\/\*+|\*+\/$/g, '').trim();
  }
  return null;
}

/** Comment lines of a group kept for its claim: a claim is written in the few lines above a feature list. */
const MAX_GROUP_COMMENTS = 64;

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The offset just past the `[` of an inner attribute opening at `at` (`#!`, any whitespace, `[`), or -1. */
function innerAttributeOpen(text: string, at: number): number {
  if (!text.startsWith('#!', at)) return -1;
  let i = at + 2;
  while (isSpace(text[i])) i++;
  return text[i] === '[' ? i + 1 : -1;
}

/** Feature names a comment names in backticks, as `feature(x)`: the claim is about those only. */
function namedFeatures(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/`feature\(([A-Za-z0-9_, ]+)\)`/g)) names.push(...m[1]!.split(',').map((s) => s.trim()).filter(Boolean));
  return names;
}

/**
 * Collect gates and claims from one parsed file. Exported for tests. The top level is walked with a cursor, and a
 * comment's text is taken from `source` (the parsed text) when given: a file of a million comments then costs no
 * node object per comment.
 */
export function collectRustFile(root: SyntaxNode, file: string, crate: string | null, source?: string): SourceFacts {
  const out: Collected = { occurrences: [], diagnostics: [] };
  const claims: (Claim & { named: boolean })[] = [];
  let comment: { text: string[]; lines: number[] } | null = null;
  let claim: (Claim & { named: boolean }) | null = null;
  let seenItem = false;
  let inBrokenAttribute = false;

  const cursor = root.walk();
  try {
    for (let more = cursor.gotoFirstChild(); more; more = cursor.gotoNextSibling()) {
      const type = cursor.nodeType;
      const text = type === 'line_comment' || type === 'block_comment' ? plainCommentText(type, source !== undefined ? source.slice(cursor.startIndex, cursor.endIndex) : cursor.nodeText) : null;
      if (text !== null) {
        comment ??= { text: [], lines: [] };
        comment.text.push(text);
        comment.lines.push(cursor.startPosition.row + 1);
        if (comment.text.length >= 2 * MAX_GROUP_COMMENTS) {
          comment.text.splice(0, MAX_GROUP_COMMENTS);
          comment.lines.splice(0, MAX_GROUP_COMMENTS);
        }
        continue;
      }
      const node = cursor.currentNode;
      if (comment !== null) {
        // A comment block ended: it opens a new claim group, or closes the current one when it claims nothing.
        const joined = comment.text.join(' ').trim();
        if (joined !== '') {
          const c = classifyClaimText(joined);
          if (c) {
            const named = namedFeatures(joined);
            const made: Claim & { named: boolean } = { kind: 'comment-group', claim: c.claim, text: joined, file, line: comment.lines[0]!, gates: named, named: named.length > 0 };
            if (c.version) made.version = c.version;
            claim = made;
            claims.push(made);
          } else {
            claim = null;
          }
        }
        comment = null;
      }
      if (!node.isNamed && !seenItem) {
        // Loose tokens at the top (`#`, `!`, `[`...) are what tree-sitter leaves of an attribute it could not read,
        // e.g. one nested deeper than it recovers from: one diagnostic for the run of them, then the next line is read.
        if (!inBrokenAttribute) {
          out.diagnostics.push(
            diagnostic('rust/syntax-error', 'warning', 'could not parse this crate attribute (malformed, or nested too deep); gates in it could not be read', {
              file,
              line: node.startPosition.row + 1,
              column: node.startPosition.column + 1,
            }),
          );
        }
        inBrokenAttribute = true;
        claim = null;
        continue;
      }
      inBrokenAttribute = false;
      if (node.type === 'ERROR' && !seenItem && innerAttributeOpen(node.text, 0) >= 0) {
        // Before the first item nothing is cut off by the prefix parse: this attribute is broken in the file itself
        // (e.g. `#![feature(a` never closed). Its gates cannot be read; say so rather than lose them silently.
        out.diagnostics.push(
          diagnostic('rust/syntax-error', 'warning', 'could not parse this crate attribute (unclosed or malformed); gates in it could not be read', {
            file,
            line: node.startPosition.row + 1,
            column: node.startPosition.column + 1,
          }),
        );
        claim = null;
        continue;
      }
      if (node.type !== 'inner_attribute_item') {
        if (node.type !== 'line_comment' && node.type !== 'block_comment') {
          claim = null;
          if (node.type !== 'shebang') seenItem = true;
        }
        continue;
      }
      const attr = node.namedChildren.find((c) => c?.type === 'attribute');
      if (!attr) continue;
      if (node.hasError) {
        out.diagnostics.push(diagnostic('rust/syntax-error', 'warning', 'could not parse this crate attribute; it was read as far as possible', { file, line: node.startPosition.row + 1, column: node.startPosition.column + 1 }));
      }
      const meta = metaOfAttribute(attr);
      if (!meta) continue;
      const before = out.occurrences.length;
      collectMeta(meta, [], 'crate-attr', file, crate, out);
      if (claim && !claim.named) {
        for (const o of out.occurrences.slice(before)) if (!claim.gates.includes(o.name)) claim.gates.push(o.name);
      }
    }
  } finally {
    cursor.delete();
  }
  return {
    occurrences: out.occurrences,
    diagnostics: out.diagnostics,
    claims: claims.map(({ named: _named, ...c }) => c),
  };
}

/** What `prepare` parses: a crate attribute and a few items, enough for V8 to optimize the parser's hot functions. */
const WARM_UP_TEXT = `#![feature(warm_up)]\n${'fn warm_up() {}\n'.repeat(40)}`;
/** Whether this process has warmed the parser up (`history` scans many revisions of one tree). */
let warmedUp = false;

/** The scan source for `.rs` files. */
export const rustCrateAttrs: ScanSource = {
  name: 'rust-crate-attrs',
  interest: { extensions: ['rs'] },
  // `mayHoldGateAttribute` below needs `#!`; most files lack it and are never decoded.
  markers: ['#!'],
  // A kernel tree always has a few files to parse; the parser's load (mostly compiling WebAssembly) then starts
  // while the tree is listed. A failure here is met again, and reported, by the first parse.
  warmUp: () => void loadRustParser().catch(() => undefined),
  // The first parse makes V8 optimize the grammar's largest WebAssembly functions on another thread, which the
  // process waits for before it exits. On a kernel tree (see above) one small parse now starts that work while the
  // files are read, rather than after the last one.
  async prepare(ctx) {
    if (ctx.treeKind !== 'kernel' || warmedUp) return;
    warmedUp = true;
    try {
      (await loadRustParser()).parse(WARM_UP_TEXT).delete();
    } catch {
      // The first real parse meets the failure again, and reports it.
    }
  },
  wants: (path) => path.endsWith('.rs'),
  async collect(file: SourceFile, ctx: ScanContext): Promise<SourceFacts> {
    // Only a file with an inner attribute named `feature` or `cfg_attr` (or one whose name is not plainly written)
    // outside line comments can enable a gate, or hold a malformed one; a comment group is a claim only about the
    // feature lists below it. The rest (module files with `#![allow(..)]`, crates with only `#![no_std]`, docs
    // showing `//! #![feature(x)]`) are not parsed at all. This decides what to parse, never what counts.
    if (!mayHoldGateAttribute(file.text)) return {};
    const parser = await loadRustParser();
    // Crate attributes can only stand before the first item, so parse a growing prefix of the file until the
    // first item is in it: most files need a few KiB, not the whole text.
    for (let size = 4096; ; size *= 4) {
      const end = size >= file.text.length ? file.text.length : file.text.lastIndexOf('\n', size) + 1 || size;
      const tree = parser.parse(end === file.text.length ? file.text : file.text.slice(0, end));
      try {
        if (end === file.text.length || reachesFirstItem(tree.rootNode)) {
          return collectRustFile(tree.rootNode, file.path, ctx.crateOf?.(file.path) ?? null, end === file.text.length ? file.text : file.text.slice(0, end));
        }
      } finally {
        tree.delete();
      }
    }
  },
};

const isIdentChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

/**
 * True when some `#![` (or `#! [`) on a line that is not a `//` comment line opens an attribute named `feature` or
 * `cfg_attr`, or one whose name does not follow plainly (after a comment, as a raw identifier): those are left to
 * the parser. False for a file whose inner attributes all have other names (`allow`, `no_std`, `rustfmt::skip`,
 * `stable(feature = ..)`).
 */
export function mayHoldGateAttribute(text: string): boolean {
  for (let i = text.indexOf('#!'); i >= 0; i = text.indexOf('#!', i + 2)) {
    let j = innerAttributeOpen(text, i);
    if (j < 0) continue;
    const lineStart = text.lastIndexOf('\n', i) + 1;
    if (text.slice(lineStart, i).trimStart().startsWith('//')) continue;
    while (isSpace(text[j])) j++;
    let end = j;
    while (isIdentChar(text[end])) end++;
    const name = text.slice(j, end);
    if (name === 'feature' || name === 'cfg_attr' || name === '' || (name === 'r' && text[end] === '#')) return true;
  }
  return false;
}

const PREAMBLE = new Set(['inner_attribute_item', 'line_comment', 'block_comment', 'shebang']);

/**
 * True when a parsed prefix holds the file's first item, after error-free crate attributes and comments. Walked
 * with a cursor: a prefix of thousands of comments makes no node object for each.
 */
function reachesFirstItem(root: SyntaxNode): boolean {
  const cursor = root.walk();
  try {
    for (let more = cursor.gotoFirstChild(); more; ) {
      const type = cursor.nodeType;
      if (type === 'line_comment' || type === 'block_comment') {
        more = cursor.gotoNextSibling();
        continue;
      }
      const node = cursor.currentNode;
      if (PREAMBLE.has(type)) {
        if (node.hasError) return false;
        more = cursor.gotoNextSibling();
        continue;
      }
      // The first item must be real (a named node without errors, not a token left by error recovery at the cut)
      // and not the last thing the cut reached.
      return node.isNamed && type !== 'ERROR' && !node.hasError && !node.isMissing && cursor.gotoNextSibling();
    }
    return false;
  } finally {
    cursor.delete();
  }
}
