/**
 * Environment settings in CI files and shell scripts: GitHub Actions workflows
 * (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#env), `.gitlab-ci.yml`
 * (https://docs.gitlab.com/ci/yaml/#variables), `.cirrus.yml` (https://cirrus-ci.org/guide/writing-tasks/#environment-variables)
 * and POSIX shell (https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_09_01).
 * A careful line scan, not a YAML parser: it finds `NAME: value` mapping keys (YAML only) and `NAME=value`
 * assignments (both, as in `run:` scripts and `echo "NAME=value" >> $GITHUB_ENV`), on the part of a line before
 * a `#` comment. Reads such as `$NAME` or `${{ env.NAME }}` are not settings.
 */

/** One setting of an environment variable on a line. */
export interface EnvSetting {
  name: string;
  value: string;
  /** 1-based line and column of the name. */
  line: number;
  column: number;
  /** 1-based column where the value starts (after an opening quote). */
  valueColumn: number;
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

/** A value starting at `k`: a quoted string, or a plain word (YAML mapping values run to the end of the line). */
function readValue(line: string, k: number, toEol: boolean): { value: string; start: number } {
  const q = line[k];
  if (q === '"' || q === "'") {
    const end = line.indexOf(q, k + 1);
    return { value: line.slice(k + 1, end < 0 ? line.length : end), start: k + 1 };
  }
  if (toEol) return { value: line.slice(k).trim(), start: k };
  let end = k;
  while (end < line.length && !/[\s;&|)"'`]/.test(line[end]!)) end++;
  return { value: line.slice(k, end), start: k };
}

/** The more-indented lines after a YAML key at column `indent`, each as one part of the key's value. */
function continuationLines(lines: readonly string[], row: number, indent: number, name: string): EnvSetting[] {
  const out: EnvSetting[] = [];
  for (let r = row + 1; r < lines.length; r++) {
    const raw = lines[r]!.replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const start = raw.search(/\S/);
    // Less indented: the value has ended. A `key:` line: a nested mapping, not a scalar value.
    if (start <= indent || /^[\w-]+:(\s|$)/.test(raw.slice(start))) break;
    const text = stripLineComment(raw).trimEnd();
    if (text.trim() === '') continue;
    const quoted = /^(["'])(.*)\1$/.exec(text.slice(start));
    out.push({ name, value: quoted ? quoted[2]! : text.slice(start), line: r + 1, column: start + 1, valueColumn: start + 1 + (quoted ? 1 : 0) });
  }
  return out;
}

/** Settings of the variables in `names` on every non-comment line of a CI or shell file. */
export function collectEnvSettings(text: string, names: readonly string[], yaml: boolean): EnvSetting[] {
  const out: EnvSetting[] = [];
  const lines = text.split('\n');
  for (let row = 0; row < lines.length; row++) {
    const line = stripLineComment(lines[row]!.replace(/\r$/, ''));
    for (const name of names) {
      for (let at = line.indexOf(name); at >= 0; at = line.indexOf(name, at + 1)) {
        // `CARGO_ENCODED_RUSTFLAGS`, `$RUSTFLAGS`, `${RUSTFLAGS}`, `env.RUSTFLAGS` are other names or reads.
        if (at > 0 && NAME_CHAR.test(line[at - 1]!)) continue;
        let k = at + name.length;
        if (line[k] === '=' && line[k + 1] !== '=') {
          // Inside a quoted word (`echo "NAME=$NAME -Zx" >> $GITHUB_ENV`) the value runs to the closing quote.
          const q = at > 0 ? line[at - 1] : undefined;
          const v = q === '"' || q === "'" ? readValue(line, at - 1, false) : readValue(line, k + 1, false);
          if (v.start === at) {
            const eq = v.value.indexOf('=');
            v.value = v.value.slice(eq + 1);
            v.start += eq + 1;
          }
          out.push({ name, value: v.value, line: row + 1, column: at + 1, valueColumn: v.start + 1 });
          continue;
        }
        if (!yaml) continue;
        // A YAML mapping key: only indentation, `- `, `{`, `,` or a quote before it on the line.
        if (!/^(\s*(-\s+)?|.*[{,]\s*)["']?$/.test(line.slice(0, at))) continue;
        if (line[k] === '"' || line[k] === "'") k++;
        if (line[k] !== ':' || (k + 1 < line.length && !/\s/.test(line[k + 1]!))) continue;
        k++;
        while (k < line.length && /\s/.test(line[k]!)) k++;
        if (k >= line.length || /^[|>][0-9+-]*\s*$/.test(line.slice(k))) {
          // A block scalar (`NAME: >-`) or a plain scalar on the next lines: each more-indented line is a part.
          out.push(...continuationLines(lines, row, at, name));
          continue;
        }
        const v = readValue(line, k, true);
        // In a flow mapping `{ NAME: value, OTHER: x }` a plain value ends at `, ` or `}`.
        const flow = /[{,]\s*["']?$/.test(line.slice(0, at)) ? v.value.split(/,\s|\s*}/)[0]!.trim() : v.value;
        out.push({ name, value: flow, line: row + 1, column: at + 1, valueColumn: v.start + 1 });
      }
    }
  }
  return out;
}
