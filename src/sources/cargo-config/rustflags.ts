/**
 * `-Z` flags in a rustc or rustdoc argument list, as cargo passes `build.rustflags`, `RUSTFLAGS` and
 * `RUSTDOCFLAGS` (https://doc.rust-lang.org/cargo/reference/config.html#buildrustflags): a string is split on
 * whitespace, an array is taken as is. Both spellings `-Zname=value` and `-Z name=value` are flags.
 */

/** One `-Z` flag of an argument list. */
export interface ZFlag {
  /** `-Zname`, whichever spelling was used. */
  name: string;
  /** Text after `=`, null for a flag without a value. */
  value: string | null;
  /** Index of the argument that holds the name (the one after a lone `-Z`). */
  arg: number;
}

/** Split a flags string the way cargo does: on whitespace, no quoting. */
export function splitFlagString(flags: string): string[] {
  return flags.split(/\s+/).filter((s) => s.length > 0);
}

/** The `-Z` flags of an argument list; a trailing lone `-Z` (no name) is left out. */
export function parseZFlags(args: readonly string[]): ZFlag[] {
  const out: ZFlag[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (!a.startsWith('-Z')) continue;
    let body = a.slice(2);
    let arg = k;
    if (body === '') {
      if (k + 1 >= args.length) continue;
      k++;
      body = args[k]!;
      arg = k;
    }
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    if (name === '') continue;
    out.push({ name: `-Z${name}`, value: eq < 0 ? null : body.slice(eq + 1), arg });
  }
  return out;
}

/** Feature names injected by `-Zcrate-attr=feature(a, b)`; empty for any other crate attribute. */
export function featuresOfCrateAttr(value: string): string[] {
  const m = /^\s*feature\s*\(([^()]*)\)\s*$/.exec(value);
  if (!m) return [];
  return m[1]!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s));
}
