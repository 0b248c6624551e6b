/**
 * Where keys and strings sit in a TOML document (https://toml.io/en/v1.0.0). smol-toml returns values without
 * positions; toml-eslint-parser gives every key and value its range, so each key path gets the place of its
 * definition and the string literals of its value. Keys inside inline tables are placed by their own node.
 */
import { parseTOML, type AST } from 'toml-eslint-parser';

/** A string literal of a value: its raw content (escapes not processed) and the offset where the content starts. */
export interface TomlString {
  raw: string;
  start: number;
}

/** Where a key is defined, and the string literals of its value in order. */
interface TomlKeyPlace {
  line: number;
  column: number;
  strings: TomlString[];
}

/** Places of the keys of one TOML text. */
export interface TomlPlaces {
  /** Place of a key path such as `['target', 'cfg(unix)', 'rustflags']`; the first definition wins. */
  key(path: readonly string[]): TomlKeyPlace | undefined;
  /** 1-based line and column of an offset in the text. */
  position(offset: number): { line: number; column: number };
}

const pathKey = (path: readonly string[]) => JSON.stringify(path);

/** The parts of a key as TOML reads them (`a."b.c"` is `['a', 'b.c']`). */
const keyParts = (key: AST.TOMLKey) => key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));

/** The string literals inside a value, in order, as raw content between the delimiters. */
function stringsOf(text: string, node: AST.TOMLContentNode, out: TomlString[] = []): TomlString[] {
  if (node.type === 'TOMLArray') for (const e of node.elements) stringsOf(text, e, out);
  else if (node.type === 'TOMLInlineTable') for (const kv of node.body) stringsOf(text, kv.value, out);
  else if (node.kind === 'string') {
    const open = node.multiline ? 3 : 1;
    const [from, to] = node.range;
    out.push({ raw: text.slice(from + open, to - open), start: from + open });
  }
  return out;
}

/** Places of every key of a TOML text; a text toml-eslint-parser refuses has none (callers fall back to line 1). */
export function parseTomlPlaces(text: string): TomlPlaces {
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === '\n') lineStarts.push(k + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };

  // Most manifests have nothing to place: the text is parsed at the first question, not before.
  let keys: Map<string, TomlKeyPlace> | null = null;
  const load = (): Map<string, TomlKeyPlace> => {
    const found = new Map<string, TomlKeyPlace>();
    const define = (path: readonly string[], offset: number, strings: TomlString[]) => {
      const k = pathKey(path);
      if (!found.has(k)) found.set(k, { ...position(offset), strings });
    };
    const visitKeyValue = (kv: AST.TOMLKeyValue, table: readonly string[]) => {
      const path = [...table, ...keyParts(kv.key)];
      define(path, kv.range[0], stringsOf(text, kv.value));
      if (kv.value.type === 'TOMLInlineTable') for (const inner of kv.value.body) visitKeyValue(inner, path);
    };
    let program: AST.TOMLProgram;
    try {
      program = parseTOML(text);
    } catch {
      return found;
    }
    for (const item of program.body[0].body) {
      if (item.type === 'TOMLKeyValue') {
        visitKeyValue(item, []);
        continue;
      }
      // An array of tables (`[[bin]]`) is one path for all its entries, as written.
      const table = keyParts(item.key);
      define(table, item.range[0], []);
      for (const kv of item.body) visitKeyValue(kv, table);
    }
    return found;
  };
  return { key: (path) => (keys ??= load()).get(pathKey(path)), position };
}

/**
 * Offset of `needle` as a whole word (between whitespace or string edges) in the string literals of a value,
 * at or after `from`; -1 when absent.
 */
export function findInStrings(strings: readonly TomlString[], needle: string, from = 0): number {
  for (const s of strings) {
    if (s.start + s.raw.length < from) continue;
    let k = s.raw.indexOf(needle, Math.max(0, from - s.start));
    while (k >= 0) {
      const before = k === 0 ? ' ' : s.raw[k - 1]!;
      const after = k + needle.length >= s.raw.length ? ' ' : s.raw[k + needle.length]!;
      if (/\s/.test(before) && /\s/.test(after)) return s.start + k;
      k = s.raw.indexOf(needle, k + 1);
    }
  }
  return -1;
}

/**
 * Line and column of each argument of a flags value at `path`, found in the value's string literals in order.
 * A path with no definition of its own (a key made by a dotted table header) is found through its nearest parent.
 */
export function placeArgs(places: TomlPlaces, path: readonly string[], args: readonly string[]): (arg: number) => { line: number; column: number } {
  let key: TomlKeyPlace | undefined;
  for (let len = path.length; len > 0 && !key; len--) key = places.key(path.slice(0, len));
  if (!key) return () => ({ line: 1, column: 1 });
  const fallback = { line: key.line, column: key.column };
  const offsets: number[] = [];
  let from = 0;
  for (const a of args) {
    const at = findInStrings(key.strings, a, from);
    offsets.push(at);
    if (at >= 0) from = at + a.length;
  }
  return (k) => (offsets[k] !== undefined && offsets[k]! >= 0 ? places.position(offsets[k]!) : fallback);
}
