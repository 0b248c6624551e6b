/**
 * Unstable `-Z` flags in the code part of a make or shell line (rustc's `-Z` options:
 * https://doc.rust-lang.org/nightly/unstable-book/compiler-flags.html). A flag starts at a token boundary (line
 * start, whitespace, a quote, `(`, `,` or `=`), so `[A-Z0-9]` in a sed or Perl regex never counts; its name runs to
 * `=`, its value to the end of the word or of the make function argument holding it.
 */
import { enclosingReferences, type MakeReference } from './references.js';
import { skipReference } from './parse-makefile.js';

/** One `-Z` flag as written. */
export interface FoundFlag {
  /** `-Zbranch-protection`. */
  name: string;
  /** `bti,pac-ret`; `''` for `-Zallow-features=`; null without `=`. Surrounding quotes are removed. */
  value: string | null;
  /** Offset of `-` in the logical text. */
  offset: number;
  /** Offset of the value's first character (after any opening quote), when there is a value. */
  valueOffset: number | null;
  /** Written `-Z name` with a space: a flag only on a command line that names rustc, rustdoc or cargo. */
  spaced?: true;
}

const BOUNDARY = new Set([' ', '\t', "'", '"', '(', ',', '=']);
const NAME_CHAR = /[A-Za-z0-9_-]/;

/** Words whose value is a list of LLVM target features, where `-Zxyz` would be a feature, not a flag. */
const TARGET_FEATURE_WORD = /^(?:-C\s*target-feature=|-Ctarget-feature=|--target-feature=|-mattr=|target-feature=)/;

/** End of the value: whitespace, an unmatched quote, or the end of the function argument that holds it. */
function valueEnd(text: string, from: number, limit: number): number {
  let quote = '';
  for (let i = from; i < limit; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const e = skipReference(text, i);
      if (e < 0 || e > limit) return limit;
      i = e - 1;
      continue;
    }
    if (c === "'" || c === '"') {
      // A quote opened right here is part of the value; one that closes an outer quote ends it.
      if (i === from || /[=,(]/.test(text[i - 1]!)) {
        quote = c;
        continue;
      }
      return i;
    }
    if (c === ' ' || c === '\t' || c === ';' || c === '|' || c === '&' || c === '>' || c === '<') return i;
  }
  return limit;
}

/** The start of the whitespace-delimited word holding `offset`. */
function wordStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== ' ' && text[i - 1] !== '\t') i--;
  return i;
}

/** Every `-Z` flag in `text[0, codeEnd)`. `refs` are the line's make references (empty for shell). */
export function parseUnstableFlags(text: string, codeEnd: number, refs: readonly MakeReference[]): FoundFlag[] {
  const out: FoundFlag[] = [];
  for (let i = text.indexOf('-Z'); i >= 0 && i < codeEnd; i = text.indexOf('-Z', i + 2)) {
    if (i > 0 && !BOUNDARY.has(text[i - 1]!)) continue;
    // `-Z name` (a separate word, as cargo's docs write `-Z build-std`) is kept apart: the caller decides.
    const gap = /^[ \t]+(?=[A-Za-z])/.exec(text.slice(i + 2, i + 12))?.[0].length ?? 0;
    if (gap === 0 && !/[A-Za-z]/.test(text[i + 2] ?? '')) continue;
    if (i > 0 && (text[i - 1] === '=' || text[i - 1] === ',') && TARGET_FEATURE_WORD.test(text.slice(wordStart(text, i), i))) continue;
    let j = i + 2 + gap;
    while (j < codeEnd && NAME_CHAR.test(text[j]!)) j++;
    const name = `-Z${text.slice(i + 2 + gap, j)}`;
    // The value ends where the innermost function argument (or reference) holding the flag ends.
    let limit = codeEnd;
    const enclosing = enclosingReferences(refs, i);
    const inner = enclosing.at(-1);
    if (inner) limit = inner.arg >= 0 ? inner.ref.args[inner.arg]!.end : inner.ref.end - 1;
    let value: string | null = null;
    let valueOffset: number | null = null;
    if (text[j] === '=') {
      const end = valueEnd(text, j + 1, limit);
      let raw = text.slice(j + 1, end);
      valueOffset = j + 1;
      const q = raw[0];
      if ((q === "'" || q === '"') && raw.length >= 2 && raw.endsWith(q)) {
        raw = raw.slice(1, -1);
        valueOffset++;
      }
      value = raw;
    }
    out.push({ name, value, offset: i, valueOffset, ...(gap > 0 ? { spaced: true } : {}) });
  }
  return out;
}
