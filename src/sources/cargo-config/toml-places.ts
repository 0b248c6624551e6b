/**
 * Where keys and strings sit in a TOML document (https://toml.io/en/v1.0.0). smol-toml returns values without
 * positions, so this small lexer finds the line of each key and the string literals of its value. It knows
 * table headers, dotted and quoted keys, comments, arrays and inline tables over several lines, and the four
 * string forms. It does not validate: the text has already been parsed by smol-toml.
 */

/** A string literal of a value: its raw content (escapes not processed) and the offset where the content starts. */
export interface TomlString {
  raw: string;
  start: number;
}

/** Where a key is defined, and the string literals of its value in order. */
export interface TomlKeyPlace {
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

const BARE = /[A-Za-z0-9_-]/;
const pathKey = (path: readonly string[]) => JSON.stringify(path);

/** Lex a TOML text for key places; never throws, whatever the text. */
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

  const keys = new Map<string, TomlKeyPlace>();
  const n = text.length;
  let i = 0;
  let table: string[] = [];

  const skipBlanks = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
  };
  const skipToEol = () => {
    while (i < n && text[i] !== '\n') i++;
  };

  /** A string literal at `i` (any of the four forms); leaves `i` after its closing delimiter. */
  const readString = (): TomlString => {
    const q = text[i]!;
    const triple = text.startsWith(q.repeat(3), i);
    const open = triple ? 3 : 1;
    const start = i + open;
    let k = start;
    while (k < n) {
      if (q === '"' && text[k] === '\\') {
        k += 2;
        continue;
      }
      if (triple ? text.startsWith(q.repeat(3), k) : text[k] === q) break;
      if (!triple && text[k] === '\n') break;
      k++;
    }
    // A closing `"""` may be followed by up to two more quotes that belong to the content.
    let end = k;
    if (triple) while (text[end + 3] === q && end + 3 < n) end++;
    i = Math.min(n, end + (triple ? 3 : 1));
    return { raw: text.slice(start, end), start };
  };

  /** One part of a key: bare, "basic" or 'literal'. */
  const readKeyPart = (): string | null => {
    const c = text[i];
    if (c === '"' || c === "'") {
      const s = readString();
      if (c === "'") return s.raw;
      try {
        return JSON.parse(`"${s.raw}"`) as string;
      } catch {
        return s.raw;
      }
    }
    const from = i;
    while (i < n && BARE.test(text[i]!)) i++;
    return i > from ? text.slice(from, i) : null;
  };

  const readKeyPath = (): string[] | null => {
    const parts: string[] = [];
    for (;;) {
      skipBlanks();
      const part = readKeyPart();
      if (part === null) return null;
      parts.push(part);
      skipBlanks();
      if (text[i] !== '.') return parts;
      i++;
    }
  };

  /** Skip one value (to the end of its line, or of its brackets), keeping its string literals. */
  const skipValue = (strings: TomlString[]) => {
    let depth = 0;
    while (i < n) {
      const c = text[i]!;
      if (c === '"' || c === "'") {
        strings.push(readString());
        continue;
      }
      if (c === '#') {
        skipToEol();
        continue;
      }
      if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') depth--;
      else if (c === '\n' && depth <= 0) return;
      i++;
    }
  };

  while (i < n) {
    skipBlanks();
    const c = text[i];
    if (c === undefined) break;
    if (c === '\n') {
      i++;
      continue;
    }
    if (c === '#') {
      skipToEol();
      continue;
    }
    if (c === '[') {
      const start = i;
      i += text[i + 1] === '[' ? 2 : 1;
      const path = readKeyPath();
      if (path) {
        table = path;
        const k = pathKey(path);
        if (!keys.has(k)) keys.set(k, { ...position(start), strings: [] });
      }
      skipToEol();
      continue;
    }
    const start = i;
    const path = readKeyPath();
    skipBlanks();
    if (!path || text[i] !== '=') {
      skipToEol();
      continue;
    }
    i++;
    const place: TomlKeyPlace = { ...position(start), strings: [] };
    const k = pathKey([...table, ...path]);
    if (!keys.has(k)) keys.set(k, place);
    skipValue(place.strings);
  }

  return { key: (path) => keys.get(pathKey(path)), position };
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
 * A key written inside an inline table (`build = { rustflags = [...] }`) is found through its nearest parent.
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
