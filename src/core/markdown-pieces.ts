/**
 * Long Markdown lists read in pieces. micromark (https://github.com/micromark/micromark) copies the document's whole
 * event list each time a list item that holds blocks closes, so one list of n such items costs n² to read. A long
 * document is cut before top-level list items (CommonMark list items, https://spec.commonmark.org/0.31.2/#list-items),
 * each piece is read alone, and the trees are joined back: positions shifted, the two halves of a cut list made one,
 * references resolved against the definitions of every piece.
 */
import type { List, Nodes, Root, RootContent } from 'mdast';

/** Lines per piece, about: small enough that a piece's own n² stays small, large enough that pieces are few. */
const PIECE_LINES = 120;

/** One piece of the text: where it starts (0-based line and character offset) and its text. */
interface Piece {
  line: number;
  offset: number;
  text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ITEM = /^( {0,3})([-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * Lines where a top-level list item starts (0-based), found by a scan of line starts: outside fenced code and HTML
 * comments, and indented less than the content of the last top-level item (or it would nest in it). The content
 * column taken is the least an item can have, so a doubt never makes a cut. A cut that this scan gets wrong (an HTML
 * block or a fence inside a container) is found after reading and undone.
 *
 * A bullet item with text always starts an item where it stands. An ordered item numbered other than 1 cannot
 * interrupt a paragraph, so read alone it could start a list where the whole text continues a paragraph: it is cut
 * before only after a blank line or right after a top-level item of its own kind, where it is an item either way.
 */
function topLevelItemLines(lines: string[]): number[] {
  const out: number[] = [];
  let fence: string | null = null;
  let comment = false;
  // Least content column of the last line read as a top-level item: lines indented this far may be nested in it.
  let content = Infinity;
  // The last top-level ordered item's line and delimiter (`.` or `)`).
  let ordered = -1;
  let delimiter = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (comment) {
      comment = !line.includes('-->');
      continue;
    }
    const f = FENCE.exec(line);
    if (fence !== null) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = null;
      continue;
    }
    // A backtick in the info string of a backtick fence makes it no fence (inline code).
    if (f && !(f[1]![0] === '`' && line.slice(line.indexOf(f[1]!) + f[1]!.length).includes('`'))) {
      fence = f[1]!;
      continue;
    }
    if (/^ {0,3}<!--/.test(line)) {
      comment = !line.slice(line.indexOf('<!--') + 4).includes('-->');
      continue;
    }
    const m = ITEM.exec(line);
    if (!m || m[1]!.length >= content) continue;
    content = m[1]!.length + m[2]!.length + 1;
    const marker = m[2]!;
    // An empty item cannot interrupt a paragraph: only an item with text is cut before.
    const withText = line.slice(m[0].length).trim() !== '';
    if (marker.length === 1) {
      if (i > 0 && withText && !THEMATIC_BREAK.test(line)) out.push(i);
      ordered = -1;
      continue;
    }
    const own = marker.at(-1)!;
    if (i > 0 && withText && (lines[i - 1]!.trim() === '' || (ordered === i - 1 && delimiter === own))) out.push(i);
    ordered = i;
    delimiter = own;
  }
  return out;
}

/** The text cut before top-level items into pieces of about PIECE_LINES lines; one piece when it is short. */
function piecesOf(text: string): Piece[] {
  const lines = text.split('\n');
  if (lines.length < 2 * PIECE_LINES) return [{ line: 0, offset: 0, text }];
  const pieces: Piece[] = [];
  let start = 0;
  let offset = 0;
  let at = 0;
  const starts = [0];
  for (const l of lines) starts.push((at += l.length + 1));
  for (const cut of topLevelItemLines(lines)) {
    if (cut - start < PIECE_LINES) continue;
    pieces.push({ line: start, offset, text: text.slice(offset, starts[cut]) });
    start = cut;
    offset = starts[cut]!;
  }
  pieces.push({ line: start, offset, text: text.slice(offset) });
  return pieces;
}

/** Visit every node of a tree without recursion. */
function eachNode(root: Nodes, visit: (n: Nodes) => void): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    visit(n);
    if ('children' in n) for (const c of n.children as Nodes[]) stack.push(c);
  }
}

/**
 * Whether a piece's reading ran into the next one: its last block is code or HTML reaching its last line, which the
 * next lines might continue (a fence or an HTML block the scan did not see).
 */
function runsOn(root: Root, piece: Piece): boolean {
  const last = root.children.at(-1);
  if (!last || (last.type !== 'code' && last.type !== 'html')) return false;
  const lineCount = piece.text.split('\n').length - 1;
  return (last.position?.end.line ?? Infinity) >= lineCount;
}

/** Identifiers as micromark compares them (https://spec.commonmark.org/0.31.2/#matches). */
const identifier = (label: string) => label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase().toLowerCase();

/** Labels in brackets a piece may use as references (`[label]`, `[text][label]`, `[^note]`). */
function bracketed(text: string): Set<string> {
  return new Set([...text.matchAll(/\[([^[\]]{1,999})\]/g)].map((m) => identifier(m[1]!)));
}

/**
 * Read Markdown with `parse`, cutting a long document before top-level list items. The tree is the one `parse`
 * gives for the whole text, except that a list cut in two is joined back without its `start` of a later part.
 */
export function parseInPieces(text: string, parse: (text: string) => Root): Root {
  const pieces = piecesOf(text);
  if (pieces.length === 1) return parse(text);
  const roots: Root[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let root = parse(pieces[i]!.text);
    // Read on into the next piece while the cut fell inside a block that continues.
    while (i + 1 < pieces.length && runsOn(root, pieces[i]!)) {
      pieces[i] = { ...pieces[i]!, text: pieces[i]!.text + pieces[i + 1]!.text };
      pieces.splice(i + 1, 1);
      root = parse(pieces[i]!.text);
    }
    roots.push(root);
  }
  // A reference resolves against a definition anywhere in the document: a piece that uses a label defined in
  // another piece is read again with stand-in definitions after its end, which are then dropped.
  const defined = new Map<string, string>();
  const defs = roots.map((root) => {
    const own = new Set<string>();
    eachNode(root, (n) => {
      if (n.type === 'definition') own.add(n.identifier);
      else if (n.type === 'footnoteDefinition') own.add(`^${n.identifier}`);
    });
    for (const id of own) if (!defined.has(id)) defined.set(id, id);
    return own;
  });
  if (defined.size > 0) {
    for (let i = 0; i < pieces.length; i++) {
      const missing = [...bracketed(pieces[i]!.text)].filter((l) => defined.has(l) && !defs[i]!.has(l));
      if (missing.length === 0) continue;
      const lineCount = pieces[i]!.text.split('\n').length;
      const stand = missing.map((l) => `[${l.replace(/[[\]\\]/g, '\\$&')}]: ${l.startsWith('^') ? 'x' : '<>'}`).join('\n');
      const root = parse(`${pieces[i]!.text}\n\n${stand}\n`);
      root.children = root.children.filter((c) => !((c.type === 'definition' || c.type === 'footnoteDefinition') && c.position!.start.line > lineCount));
      roots[i] = root;
    }
  }
  return join(roots, pieces, text);
}

/** What makes two lists one: the bullet character of a bullet list, the delimiter (`.` or `)`) of an ordered one. */
function markerOf(list: List, text: string): string | undefined {
  const start = text.slice(list.position!.start.offset!, list.position!.start.offset! + 16).trimStart();
  return list.ordered ? /^\d+([.)])/.exec(start)?.[1] : start[0];
}

/** One tree from the pieces' trees: positions moved to the whole text, a list cut at a piece's end joined. */
function join(roots: Root[], pieces: Piece[], text: string): Root {
  const out: Root = { type: 'root', children: [] };
  roots.forEach((root, i) => {
    const { line, offset } = pieces[i]!;
    eachNode(root, (n) => {
      const p = n.position;
      if (!p) return;
      p.start = { ...p.start, line: p.start.line + line, offset: (p.start.offset ?? 0) + offset };
      p.end = { ...p.end, line: p.end.line + line, offset: (p.end.offset ?? 0) + offset };
    });
    const [first, ...rest] = root.children;
    const prev = out.children.at(-1);
    if (first && prev?.type === 'list' && first.type === 'list' && prev.ordered === first.ordered && markerOf(prev, text) === markerOf(first, text)) {
      const between = text.slice(prev.position!.end.offset, first.position!.start.offset);
      prev.children.push(...first.children);
      prev.spread = Boolean(prev.spread || first.spread || /\n[ \t]*\n/.test(between));
      prev.position!.end = first.position!.end;
      out.children.push(...(rest as RootContent[]));
    } else out.children.push(...root.children);
  });
  const last = roots.at(-1)!;
  out.position = { start: { line: 1, column: 1, offset: 0 }, end: last.position!.end };
  return out;
}
