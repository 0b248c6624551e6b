/**
 * A CI file or script's `RUSTC_BOOTSTRAP` settings and `RUSTFLAGS` `-Z` flags (see index.ts): loaded when such a
 * file is collected, so that the YAML parser is loaded only then.
 */
import { LineCounter } from 'yaml';
import type { BootstrapSetting, Occurrence } from '../../model/scan.js';
import { buildFlagOccurrences } from '../cargo-config/flag-occurrences.js';
import { splitFlagString } from '../cargo-config/rustflags.js';
import type { SourceFacts, SourceFile } from '../types.js';
import { collectShellSettings } from './ci-lines.js';
import { collectYamlSettings } from './ci-yaml.js';

/** Variables cargo reads as `build.rustflags` / `build.rustdocflags` (https://doc.rust-lang.org/cargo/reference/environment-variables.html). */
const FLAG_VARIABLES = ['RUSTFLAGS', 'RUSTDOCFLAGS', 'CARGO_BUILD_RUSTFLAGS', 'CARGO_BUILD_RUSTDOCFLAGS', 'CARGO_ENCODED_RUSTFLAGS', 'CARGO_ENCODED_RUSTDOCFLAGS'];

/** Bootstrap settings and RUSTFLAGS `-Z` flags in the text of one CI file or script. */
export function collectCiFile(file: SourceFile, kind: 'yaml' | 'shell'): SourceFacts {
  const names = ['RUSTC_BOOTSTRAP', ...FLAG_VARIABLES];
  const read = kind === 'yaml' ? collectYamlSettings(file.text, names, file.path) : { settings: collectShellSettings(file.text, names), diagnostics: [] };
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let k = file.text.indexOf('\n'); k >= 0; k = file.text.indexOf('\n', k + 1)) lines.addNewLine(k + 1);
  const place = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const bootstrap: BootstrapSetting[] = [];
  const occurrences: Occurrence[] = [];
  for (const s of read.settings) {
    // The place of a part of the value: found in order in the value's source text, else where the value starts.
    let from = 0;
    const placeOf = (part: string) => {
      const k = s.source.indexOf(part, from);
      if (k < 0) return place(s.valueOffset);
      from = k + part.length;
      return place(s.valueOffset + k);
    };
    if (s.name === 'RUSTC_BOOTSTRAP') {
      // An empty value unsets the variable: nothing is enabled.
      if (s.value !== '') bootstrap.push({ file: file.path, line: placeOf(s.value).line, value: s.value, condition: null });
      continue;
    }
    // The encoded forms separate arguments with 0x1f, so spaces stay inside one argument.
    const args = s.name.startsWith('CARGO_ENCODED_') ? s.value.split('\x1f').filter((a) => a !== '') : splitFlagString(s.value);
    const places = args.map(placeOf);
    occurrences.push(
      ...buildFlagOccurrences(args, (k) => places[k] ?? place(s.nameOffset), {
        file: file.path,
        crate: null,
        arch: null,
        guards: [],
        via: 'cargo-config',
        tool: s.name.includes('RUSTDOC') ? 'rustdoc' : 'rustc',
        variable: s.name,
      }),
    );
  }
  return read.diagnostics.length > 0 ? { bootstrap, occurrences, diagnostics: read.diagnostics } : { bootstrap, occurrences };
}
