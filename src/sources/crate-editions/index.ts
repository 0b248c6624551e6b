/**
 * Each crate's edition (https://doc.rust-lang.org/edition-guide/): Cargo's `package.edition`
 * (https://doc.rust-lang.org/cargo/reference/manifest.html#the-edition-field), also inherited with
 * `edition.workspace = true` from the workspace's `[workspace.package]`
 * (https://doc.rust-lang.org/cargo/reference/workspaces.html#the-package-table), Cargo's 2015 when a package names
 * none; and in a kernel tree the `--edition=` of the common rustc flags in the top Makefile (`rust_common_flags`).
 */
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { CrateFacts } from '../../model/scan.js';
import { parseMakefile, positionOf } from '../../make/parse-makefile.js';
import type { ScanContext, ScanSource, SourceFacts, SourceFile } from '../types.js';
import type { ManifestEditions } from './manifest-editions.js';

const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/** The make lines the editions come from: the reader takes no other line of the top Makefile's ~2k apart. */
const namesEdition = (text: string) => text.includes('--edition');

/** `--edition=2021` in the top Makefile's plain assignments (not target-specific ones such as `skip_flags`). */
function collectMakefileEditions(file: SourceFile): CrateFacts[] {
  const out: CrateFacts[] = [];
  for (const line of parseMakefile(file.text, { file: file.path, keep: namesEdition }).lines) {
    const a = line.assignment;
    if (!a || a.targets !== undefined) continue;
    for (const m of a.value.matchAll(/--edition[= ](\d{4})\b/g)) {
      out.push({ crate: '*', edition: m[1]!, file: file.path, line: positionOf(line, a.valueOffset + m.index).line, via: 'makefile' });
    }
  }
  return out;
}

/** The scan source for crate editions. */
export const crateEditions: ScanSource = {
  name: 'crate-editions',
  interest: { names: ['Cargo.toml', 'Makefile'] },
  // No markers: a manifest without the word `edition` still says something (Cargo's 2015).
  wants: (path, ctx) => path === 'Cargo.toml' || path.endsWith('/Cargo.toml') || (path === 'Makefile' && ctx.treeKind === 'kernel'),
  async collect(file: SourceFile, ctx: ScanContext): Promise<SourceFacts> {
    if (file.path === 'Makefile') {
      const crates = collectMakefileEditions(file);
      return crates.length > 0 ? { crates } : {};
    }
    const crate = ctx.treeKind === 'kernel' || !ctx.crateOf ? null : ctx.crateOf(file.path);
    // The TOML readers are loaded with the first manifest: a kernel tree has none.
    const { collectManifestEditions } = await import('./manifest-editions.js');
    const found = collectManifestEditions(file, crate);
    return found ? { pending: found } : {};
  },
  finalize(perFile: SourceFacts[]): SourceFacts {
    const manifests = perFile.map((f) => f.pending as ManifestEditions | undefined).filter((m): m is ManifestEditions => m !== undefined);
    const roots = new Map(manifests.filter((m) => m.workspace).map((m) => [m.dir, m.workspace!]));
    const crates: CrateFacts[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const m of manifests) {
      if (!m.pkg) continue;
      if (m.pkg.edition !== 'inherit') {
        crates.push(m.pkg as CrateFacts);
        continue;
      }
      // The workspace root is the nearest manifest above (or beside) the package that sets `[workspace.package]`.
      for (let dir = m.dir; ; dir = dirOf(dir)) {
        const ws = roots.get(dir);
        if (ws) {
          crates.push({ ...m.pkg, edition: ws.edition });
          break;
        }
        if (dir === '') {
          diagnostics.push(diagnostic('crate-editions/no-workspace-edition', 'warning', `\`${m.pkg.crate}\` takes its edition from the workspace, but no workspace manifest above it sets [workspace.package] edition`, { file: m.pkg.file, line: m.pkg.line }, 'its edition is unknown; gates stable only in some editions are judged as blockers there'));
          break;
        }
      }
    }
    return { crates, diagnostics };
  },
};
