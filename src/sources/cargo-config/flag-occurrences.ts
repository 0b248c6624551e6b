/**
 * Occurrences for the `-Z` flags of one argument list (a `rustflags` value, a `RUSTFLAGS` setting), shared by
 * the Cargo sources. A `-Zcrate-attr=feature(x)` also yields the feature `x`, as in the kernel's make files.
 */
import { conditionText, type Guard } from '../../model/guard.js';
import type { Occurrence, Via } from '../../model/scan.js';
import { featuresOfCrateAttr, parseZFlags } from './rustflags.js';

/** Where a list of flags applies: the fields every occurrence from it shares. */
export interface FlagSite {
  file: string;
  crate: string | null;
  arch: string | null;
  guards: Guard[];
  via: Via;
  tool: 'rustc' | 'rustdoc' | 'cargo';
  /** The setting the flags come from, e.g. `build.rustflags`, `env.RUSTFLAGS`. */
  variable: string;
}

/** Occurrences of the `-Z` flags in `args`; `placeOf(k)` is the line and column of argument k. */
export function buildFlagOccurrences(args: readonly string[], placeOf: (arg: number) => { line: number; column: number }, site: FlagSite): Occurrence[] {
  const out: Occurrence[] = [];
  for (const flag of parseZFlags(args)) {
    const place = placeOf(flag.arg);
    out.push(occurrence(site, 'flag', flag.name, flag.value, place));
    if (flag.name === '-Zcrate-attr' && flag.value !== null) {
      for (const feature of featuresOfCrateAttr(flag.value)) {
        out.push({ ...occurrence(site, 'feature', feature, null, place), via: 'crate-attr-flag' });
      }
    }
  }
  return out;
}

/** One occurrence with every contract field filled. */
export function occurrence(site: FlagSite, kind: Occurrence['kind'], name: string, value: string | null, place: { line: number; column: number }): Occurrence {
  const o: Occurrence = {
    kind,
    name,
    value,
    file: site.file,
    line: place.line,
    column: place.column,
    crate: site.crate,
    arch: site.arch,
    condition: conditionText(site.guards),
    via: site.via,
    guards: site.guards,
    variable: site.variable,
  };
  if (kind === 'flag') o.tool = site.tool;
  return o;
}
