/**
 * `RUSTC_BOOTSTRAP`, which lets a stable rustc accept unstable gates
 * (https://doc.rust-lang.org/beta/unstable-book/compiler-environment-variables/RUSTC_BOOTSTRAP.html), set in a
 * Cargo build script (`build.rs` beside a Cargo.toml, read with tree-sitter) or in CI files: GitHub workflows,
 * `.gitlab-ci.yml`, `.cirrus.yml`, and scripts under `ci/` or `.ci/`. In the CI files, `-Z` flags given through
 * `RUSTFLAGS` / `RUSTDOCFLAGS` (and their `CARGO_BUILD_` / `CARGO_ENCODED_` forms) are occurrences too: cargo
 * reads those variables as its `build.rustflags` (https://doc.rust-lang.org/cargo/reference/config.html#buildrustflags),
 * hence `via: cargo-config`.
 */
import { LineCounter } from 'yaml';
import type { BootstrapSetting, Occurrence } from '../../model/scan.js';
import { loadRustParser } from '../../rust/parser.js';
import { buildFlagOccurrences } from '../cargo-config/flag-occurrences.js';
import { splitFlagString } from '../cargo-config/rustflags.js';
import { wantsMakePath } from '../kbuild-make/index.js';
import type { ScanContext, ScanSource, SourceFacts, SourceFile } from '../types.js';
import { collectBuildScript } from './build-script.js';
import { collectShellSettings } from './ci-lines.js';
import { collectYamlSettings } from './ci-yaml.js';

const baseOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const dirPrefix = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);

/** Variables cargo reads as `build.rustflags` / `build.rustdocflags` (https://doc.rust-lang.org/cargo/reference/environment-variables.html). */
const FLAG_VARIABLES = ['RUSTFLAGS', 'RUSTDOCFLAGS', 'CARGO_BUILD_RUSTFLAGS', 'CARGO_BUILD_RUSTDOCFLAGS', 'CARGO_ENCODED_RUSTFLAGS', 'CARGO_ENCODED_RUSTDOCFLAGS'];

/** `yaml` for CI configuration files, `shell` for scripts under `ci/` or `.ci/`, null for other paths. */
export function ciFileKind(path: string): 'yaml' | 'shell' | null {
  if (path === '.gitlab-ci.yml' || path === '.cirrus.yml') return 'yaml';
  if (path.startsWith('.github/workflows/')) return /\.ya?ml$/.test(path) ? 'yaml' : null;
  if (path.startsWith('ci/') || path.startsWith('.ci/')) {
    // Makefiles and files under a scripts/ directory are read by the make source: never report them twice.
    if (wantsMakePath(path)) return null;
    const base = baseOf(path);
    if (/\.ya?ml$/.test(base)) return 'yaml';
    // Shell scripts: `*.sh` / `*.bash`, or an executable-style name without extension (`.ci/run`).
    if (/\.(sh|bash)$/.test(base) || !base.includes('.')) return 'shell';
  }
  return null;
}

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

/** The scan source for RUSTC_BOOTSTRAP in build scripts and CI files. */
export const bootstrapSettings: ScanSource = {
  name: 'bootstrap-settings',
  interest: { names: ['build.rs', '.gitlab-ci.yml', '.cirrus.yml'], dirPaths: ['.github/workflows', 'ci', '.ci'] },
  // Called for every file of a 90k-file kernel tree: plain string tests first, no allocation.
  wants: (path: string, ctx: ScanContext) => (path === 'build.rs' || path.endsWith('/build.rs') ? ctx.hasFile(`${dirPrefix(path)}Cargo.toml`) : ciFileKind(path) !== null),
  async collect(file: SourceFile): Promise<SourceFacts> {
    if (baseOf(file.path) !== 'build.rs') return collectCiFile(file, ciFileKind(file.path) ?? 'shell');
    // Most build scripts never mention the variable: skip the parse for them.
    if (!file.text.includes('RUSTC_BOOTSTRAP')) return {};
    const parser = await loadRustParser();
    const tree = parser.parse(file.text);
    try {
      return { bootstrap: collectBuildScript(tree.rootNode, file.path) };
    } finally {
      tree.delete();
    }
  },
};
