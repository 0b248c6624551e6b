/**
 * `RUSTC_BOOTSTRAP`, which lets a stable rustc accept unstable gates
 * (https://doc.rust-lang.org/beta/unstable-book/compiler-environment-variables/RUSTC_BOOTSTRAP.html), set in a
 * Cargo build script (`build.rs` beside a Cargo.toml, read with tree-sitter) or in CI files: GitHub workflows,
 * `.gitlab-ci.yml`, `.cirrus.yml`, and scripts under `ci/` or `.ci/`. In the CI files, `-Z` flags given through
 * `RUSTFLAGS` / `RUSTDOCFLAGS` (and their `CARGO_BUILD_` / `CARGO_ENCODED_` forms) are occurrences too: cargo
 * reads those variables as its `build.rustflags` (https://doc.rust-lang.org/cargo/reference/config.html#buildrustflags),
 * hence `via: cargo-config`.
 */
import { loadRustParser } from '../../rust/parser.js';
import { wantsMakePath } from '../kbuild-make/index.js';
import type { ScanContext, ScanSource, SourceFacts, SourceFile } from '../types.js';
import { collectBuildScript } from './build-script.js';

const baseOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const dirPrefix = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);

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

/** The scan source for RUSTC_BOOTSTRAP in build scripts and CI files. */
export const bootstrapSettings: ScanSource = {
  name: 'bootstrap-settings',
  interest: { names: ['build.rs', '.gitlab-ci.yml', '.cirrus.yml'], dirPaths: ['.github/workflows', 'ci', '.ci'] },
  // Called for every file of a 90k-file kernel tree: plain string tests first, no allocation.
  wants: (path: string, ctx: ScanContext) => (path === 'build.rs' || path.endsWith('/build.rs') ? ctx.hasFile(`${dirPrefix(path)}Cargo.toml`) : ciFileKind(path) !== null),
  async collect(file: SourceFile): Promise<SourceFacts> {
    if (baseOf(file.path) !== 'build.rs') {
      // The YAML parser is loaded with the first CI file: most trees have none.
      const { collectCiFile } = await import('./ci-file.js');
      return collectCiFile(file, ciFileKind(file.path) ?? 'shell');
    }
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
