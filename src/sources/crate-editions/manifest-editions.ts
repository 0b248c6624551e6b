/**
 * The TOML half of the crate-editions source (see index.ts): the editions one Cargo manifest states. Loaded with the
 * first manifest, so that a tree without one (a kernel tree) never loads the TOML readers.
 */
import { parse as parseToml } from 'smol-toml';
import type { CrateFacts } from '../../model/scan.js';
import { parseTomlPlaces } from '../cargo-config/toml-places.js';
import type { SourceFile } from '../types.js';

type Table = Record<string, unknown>;
const asTable = (v: unknown): Table | null => (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as Table) : null);
const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const EDITION = /^\d{4}$/;

/** What one manifest says, carried to `finalize` where workspace inheritance is resolved. */
export interface ManifestEditions {
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
