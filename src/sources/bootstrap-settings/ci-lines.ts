/**
 * Environment settings in POSIX shell text (https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_09_01):
 * `NAME=value` assignments, as in CI scripts, YAML `run:` scripts and `echo "NAME=value" >> $GITHUB_ENV`, on the
 * part of a line before a `#` comment. Reads such as `$NAME` or `${{ env.NAME }}` are not settings. Shell has no
 * parser among our dependencies and only assignments of a few names matter, so a careful line scan does it.
 */

/** One setting of an environment variable, placed by offsets into the text it was read from. */
export interface EnvSetting {
  name: string;
  value: string;
  /** Offset of the name. */
  nameOffset: number;
  /** Offset where the value's source text starts (after an opening quote). */
  valueOffset: number;
  /** The value as written from `valueOffset` (quotes, indentation and line breaks kept), to place its parts. */
  source: string;
}

/** The part of a line before a `#` comment: `#` at the start or after whitespace, outside quotes. */
export function stripLineComment(line: string): string {
  let quote: string | null = null;
  for (let k = 0; k < line.length; k++) {
    const c = line[k]!;
    if (quote) {
      if (c === '\\' && quote === '"') k++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (k === 0 || /\s/.test(line[k - 1]!))) return line.slice(0, k);
  }
  return line;
}

const NAME_CHAR = /[A-Za-z0-9_$.{]/;

/** A shell word starting at `k`: a quoted string (to its closing quote), or a plain word. */
function readWord(line: string, k: number): { value: string; start: number } {
  const q = line[k];
  if (q === '"' || q === "'") {
    const end = line.indexOf(q, k + 1);
    return { value: line.slice(k + 1, end < 0 ? line.length : end), start: k + 1 };
  }
  let end = k;
  while (end < line.length && !/[\s;&|)"'`]/.test(line[end]!)) end++;
  return { value: line.slice(k, end), start: k };
}

/** `NAME=value` assignments of the variables in `names` in shell text; offsets count from `base`. */
export function collectShellSettings(text: string, names: readonly string[], base = 0): EnvSetting[] {
  const out: EnvSetting[] = [];
  let lineStart = base;
  for (const raw of text.split('\n')) {
    const line = stripLineComment(raw.replace(/\r$/, ''));
    for (const name of names) {
      for (let at = line.indexOf(name); at >= 0; at = line.indexOf(name, at + 1)) {
        // `CARGO_ENCODED_RUSTFLAGS`, `$RUSTFLAGS`, `${RUSTFLAGS}`, `env.RUSTFLAGS` are other names or reads.
        if (at > 0 && NAME_CHAR.test(line[at - 1]!)) continue;
        const k = at + name.length;
        if (line[k] !== '=' || line[k + 1] === '=') continue;
        // Inside a quoted word (`echo "NAME=$NAME -Zx" >> $GITHUB_ENV`) the value runs to the closing quote.
        const q = at > 0 ? line[at - 1] : undefined;
        const v = q === '"' || q === "'" ? readWord(line, at - 1) : readWord(line, k + 1);
        if (v.start === at) {
          const eq = v.value.indexOf('=');
          v.value = v.value.slice(eq + 1);
          v.start += eq + 1;
        }
        out.push({ name, value: v.value, nameOffset: lineStart + at, valueOffset: lineStart + v.start, source: v.value });
      }
    }
    lineStart += raw.length + 1;
  }
  return out;
}
