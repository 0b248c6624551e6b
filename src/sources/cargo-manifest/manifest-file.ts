/**
 * The TOML half of the cargo-manifest source (see index.ts): one Cargo.toml's unstable cargo features and profile
 * `-Z` flags. Loaded with the first manifest, so that a tree without one (a kernel tree) never loads the TOML readers.
 */
import { parse as parseToml } from 'smol-toml';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Occurrence } from '../../model/scan.js';
import { buildFlagOccurrences, occurrence, type FlagSite } from '../cargo-config/flag-occurrences.js';
import { splitFlagString } from '../cargo-config/rustflags.js';
import { invalidTomlDiagnostic } from '../cargo-config/toml-diagnostic.js';
import { findInStrings, parseTomlPlaces, placeArgs } from '../cargo-config/toml-places.js';
import type { SourceFacts, SourceFile } from '../types.js';

type Table = Record<string, unknown>;
const asTable = (v: unknown): Table | null => (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as Table) : null);

/** Collect unstable cargo features and profile `-Z` flags from the text of one Cargo.toml. */
export function collectCargoManifest(file: SourceFile, crate: string | null): SourceFacts {
  let doc: Table;
  try {
    doc = parseToml(file.text) as Table;
  } catch (e) {
    return { diagnostics: [invalidTomlDiagnostic('cargo-manifest', file.path, e, 'a Cargo manifest in TOML (https://doc.rust-lang.org/cargo/reference/manifest.html)')] };
  }
  const places = parseTomlPlaces(file.text);
  const occurrences: Occurrence[] = [];
  const diagnostics: Diagnostic[] = [];
  const site: FlagSite = { file: file.path, crate, arch: null, guards: [], via: 'cargo-manifest', tool: 'cargo', variable: 'cargo-features' };

  const features = doc['cargo-features'];
  if (features !== undefined) {
    const at = places.key(['cargo-features']);
    if (!Array.isArray(features) || !features.every((f) => typeof f === 'string')) {
      diagnostics.push(
        diagnostic('cargo-manifest/unexpected-value', 'warning', `cargo-features is ${Array.isArray(features) ? 'an array with non-string items' : `a ${typeof features}`}; expected an array of feature names`, {
          file: file.path,
          ...(at ? { line: at.line, column: at.column } : {}),
        }),
      );
    } else {
      let from = 0;
      for (const name of features as string[]) {
        // Each name is a string literal of its own: its line is the line of that literal.
        const offset = at ? findInStrings(at.strings, name, from) : -1;
        if (offset >= 0) from = offset + name.length;
        const place = offset >= 0 ? places.position(offset) : at ? { line: at.line, column: at.column } : { line: 1, column: 1 };
        // A cargo feature is read by cargo, not rustc: say so, as for cargo `-Z` flags.
        occurrences.push({ ...occurrence(site, 'feature', name, null, place), tool: 'cargo' });
      }
    }
  }

  for (const [profile, value] of Object.entries(asTable(doc['profile']) ?? {})) {
    const flags = asTable(value)?.['rustflags'];
    const args = typeof flags === 'string' ? splitFlagString(flags) : Array.isArray(flags) ? flags.filter((f): f is string => typeof f === 'string') : [];
    const path = ['profile', profile, 'rustflags'];
    occurrences.push(
      ...buildFlagOccurrences(args, placeArgs(places, path, args), {
        ...site,
        guards: [{ type: 'make', negated: false, text: `profile ${profile}` }],
        tool: 'rustc',
        variable: path.join('.'),
      }),
    );
  }
  return { occurrences, diagnostics };
}
