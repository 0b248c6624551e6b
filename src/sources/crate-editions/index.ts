/**
 * Each crate's edition (https://doc.rust-lang.org/edition-guide/): Cargo's `package.edition`
 * (https://doc.rust-lang.org/cargo/reference/manifest.html#the-edition-field), also inherited with
 * `edition.workspace = true` from the workspace's `[workspace.package]`
 * (https://doc.rust-lang.org/cargo/reference/workspaces.html#the-package-table), Cargo's 2015 when a package names
 * none; and in a kernel tree the `--edition=` of the common rustc flags in the top Makefile (`rust_common_flags`).
 */
import { parse as parseToml } from 'smol-toml';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { CrateFacts } from '../../model/scan.js';
import { parseMakefile, positionOf } from '../../make/parse-makefile.js';
import { parseTomlPlaces } from '../cargo-config/toml-places.js';
import type { ScanContext, ScanSource, SourceFacts, SourceFile } from '../types.js';

type Table = Record<string, unknown>;
const asTable = (v: unknown): Table | null => (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as Table) : null);
const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const EDITION = /^\d{4}$/;

/** What one manifest says, carried to `finalize` where workspace inheritance is resolved. */
interface ManifestEditions {
  dir: string;
  /** The package's own facts; `inherit` when it takes the workspace's edition. */
  pkg: (Omit<CrateFacts, 'edition'> & { edition: string | 'inherit' }) | null;
  /** `[workspace.package] edition`, when this manifest is a workspace root that sets one. */
  workspace: { edition: string; line: number } | null;
}

/** The editions a Cargo manifest states (pure; invalid TOML is the cargo-manifest source's to report). */
export function collectManifestEditions(file: SourceFile, crate: string | null): ManifestEditions | null {
  let doc: Table;
  try {
    doc = parseToml(file.text) as Table;
  } catch {
    return null;
  }
  const places = parseTomlPlaces(file.text);
  const pkgTable = asTable(doc['package']);
  const wsPackage = asTable(asTable(doc['workspace'])?.['package']);
  const out: ManifestEditions = { dir: dirOf(file.path), pkg: null, workspace: null };
  const wsEdition = wsPackage?.['edition'];
  if (typeof wsEdition === 'string' && EDITION.test(wsEdition)) {
    out.workspace = { edition: wsEdition, line: places.key(['workspace', 'package', 'edition'])?.line ?? 1 };
  }
  if (pkgTable) {
    const name = crate ?? (typeof pkgTable['name'] === 'string' ? pkgTable['name'].replace(/-/g, '_') : null);
    if (name !== null) {
      const e = pkgTable['edition'];
      const line = (places.key(['package', 'edition']) ?? places.key(['package', 'edition', 'workspace']) ?? places.key(['package']))?.line ?? 1;
      const at = { file: file.path, line, via: 'cargo-manifest' as const };
      if (typeof e === 'string' && EDITION.test(e)) out.pkg = { crate: name, edition: e, ...at };
      else if (asTable(e)?.['workspace'] === true) out.pkg = { crate: name, edition: 'inherit', ...at, from: 'workspace' };
      else if (e === undefined) out.pkg = { crate: name, edition: '2015', ...at, from: 'default' };
    }
  }
  return out.pkg || out.workspace ? out : null;
}

/** `--edition=2021` in the top Makefile's plain assignments (not target-specific ones such as `skip_flags`). */
export function collectMakefileEditions(file: SourceFile): CrateFacts[] {
  const out: CrateFacts[] = [];
  for (const line of parseMakefile(file.text, { file: file.path }).lines) {
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
  collect(file: SourceFile, ctx: ScanContext): SourceFacts {
    if (file.path === 'Makefile') return { crates: collectMakefileEditions(file) };
    const crate = ctx.treeKind === 'kernel' || !ctx.crateOf ? null : ctx.crateOf(file.path);
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
