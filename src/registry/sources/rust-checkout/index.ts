/**
 * Source 1, a rust-lang/rust checkout (https://github.com/rust-lang/rust): the lang feature tables of
 * compiler/rustc_feature/src/, the library's stability attributes under library/, the `-Z` options of
 * rustc_session, and src/version for `CURRENT_RUSTC_VERSION`. Every Rust file is read with tree-sitter.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GatewatchError } from '../../../core/errors.js';
import { diagnostic, type Diagnostic } from '../../../model/diagnostic.js';
import { loadRustParser } from '../../../rust/parser.js';
import type { FeatureFact, RegistryFacts, RegistrySource } from '../../types.js';
import { parseDeclareFeatures } from './declare-features.js';
import { libraryAttributesOfText } from './library-attrs.js';
import { parseZOptions } from './options.js';

const FEATURE_TABLES = ['unstable.rs', 'accepted.rs', 'removed.rs', 'renamed.rs'];
const OPTION_FILES = ['compiler/rustc_session/src/options.rs', 'compiler/rustc_session/src/options/unstable.rs'];

/** A checkout file's text, or null with a diagnostic when it cannot be read (the build goes on). */
function readText(abs: string, rel: string, diagnostics: Diagnostic[]): string | null {
  try {
    return readFileSync(abs, 'utf8');
  } catch (e) {
    diagnostics.push(diagnostic('registry/unreadable-file', 'warning', `could not read ${rel}: ${(e as Error).message}`, { file: rel }));
    return null;
  }
}

function rustFilesUnder(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      // Tests and benches declare no features of the shipped library.
      if (e.name === 'tests' || e.name === 'benches' || e.name === 'target' || e.name.startsWith('.')) continue;
      rustFilesUnder(p, out);
    } else if (e.name.endsWith('.rs')) out.push(p);
  }
  return out;
}

/** Collect every fact a checkout holds. Throws E_NO_TREE when the path is not a rust-lang/rust checkout. */
export async function collectRustCheckout(checkout: string, onProgress?: (done: number, total: number) => void): Promise<RegistryFacts> {
  const featureDir = join(checkout, 'compiler', 'rustc_feature', 'src');
  if (!existsSync(featureDir)) {
    throw new GatewatchError('E_NO_TREE', `${checkout} is not a rust-lang/rust checkout: compiler/rustc_feature/src/ is missing`, { hint: 'pass the root of a clone of https://github.com/rust-lang/rust' });
  }
  const parser = await loadRustParser();
  const facts: FeatureFact[] = [];
  const diagnostics: Diagnostic[] = [];
  const versionFile = join(checkout, 'src', 'version');
  const currentVersion = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim() || null : null;
  if (!currentVersion) diagnostics.push(diagnostic('registry/no-version-file', 'warning', 'the checkout has no src/version; CURRENT_RUSTC_VERSION cannot be resolved', { file: 'src/version' }));

  const parseFile = (abs: string, read: (root: import('../../../rust/parser.js').SyntaxNode, rel: string) => void) => {
    const rel = relative(checkout, abs).split('\\').join('/');
    const text = readText(abs, rel, diagnostics);
    if (text === null) return;
    const tree = parser.parse(text);
    try {
      read(tree.rootNode, rel);
    } finally {
      tree.delete();
    }
  };

  for (const f of FEATURE_TABLES) {
    const abs = join(featureDir, f);
    if (!existsSync(abs)) {
      if (f !== 'renamed.rs') diagnostics.push(diagnostic('registry/missing-table', 'warning', `compiler/rustc_feature/src/${f} is missing; expected a declare_features! table there`, { file: `compiler/rustc_feature/src/${f}` }));
      continue;
    }
    parseFile(abs, (root, rel) => {
      const r = parseDeclareFeatures(root, rel, currentVersion);
      facts.push(...r.facts);
      diagnostics.push(...r.diagnostics);
    });
  }
  let flagCount = 0;
  for (const f of OPTION_FILES) {
    const abs = join(checkout, f);
    if (!existsSync(abs)) continue;
    parseFile(abs, (root, rel) => {
      const flags = parseZOptions(root, rel);
      flagCount += flags.length;
      facts.push(...flags);
    });
  }
  const lib = await collectLibraryAttributes(checkout, currentVersion, onProgress);
  facts.push(...lib.facts);
  diagnostics.push(...lib.diagnostics);
  const library = { length: lib.files };
  return {
    source: 'rust-checkout',
    label: `rust checkout${currentVersion ? ` (src/version ${currentVersion})` : ''}`,
    facts: dedupeLibraryFacts(facts),
    diagnostics,
    provenance: [{ source: 'rust-checkout', detail: `src/version ${currentVersion ?? 'absent'}; ${library.length} library files, ${flagCount} -Z options` }],
  };
}

/**
 * The stability attributes of every `.rs` file under `<root>/library/`: a checkout, or the `rust-src`
 * component of a toolchain (`lib/rustlib/src/rust/`).
 */
export async function collectLibraryAttributes(
  root: string,
  currentVersion: string | null,
  onProgress?: (done: number, total: number) => void,
): Promise<{ facts: FeatureFact[]; diagnostics: Diagnostic[]; files: number }> {
  const parser = await loadRustParser();
  const facts: FeatureFact[] = [];
  const diagnostics: Diagnostic[] = [];
  const library = rustFilesUnder(join(root, 'library'));
  let done = 0;
  for (const abs of library) {
    const rel = relative(root, abs).split('\\').join('/');
    const text = readText(abs, rel, diagnostics);
    if (text === null) continue;
    // Cheap pre-check on the raw text only to skip files that cannot hold a stability attribute; the facts
    // themselves come from the syntax tree.
    if (text.includes('stable(')) {
      const r = libraryAttributesOfText(parser, text, rel, currentVersion);
      facts.push(...r.facts);
      diagnostics.push(...r.diagnostics);
    }
    onProgress?.(++done, library.length);
  }
  return { facts: dedupeLibraryFacts(facts), diagnostics, files: library.length };
}

/**
 * One fact per library feature: a name appears on many items. An unstable attribute wins over a stable one
 * (the feature is not stable while any item is gated on it); the first tracking issue is kept.
 */
export function dedupeLibraryFacts(facts: FeatureFact[]): FeatureFact[] {
  const out: FeatureFact[] = [];
  const lib = new Map<string, FeatureFact>();
  for (const f of facts) {
    if (f.kind !== 'lib') {
      out.push(f);
      continue;
    }
    const prev = lib.get(f.name);
    if (!prev) {
      lib.set(f.name, f);
      out.push(f);
    } else if (prev.status === 'stable' && f.status !== 'stable') {
      Object.assign(prev, f);
    } else if (prev.trackingIssue == null && f.trackingIssue != null && prev.status === f.status) {
      prev.trackingIssue = f.trackingIssue;
    }
  }
  return out;
}

/** A rust-lang/rust checkout named with `--from-rust`. */
export const rustCheckoutSource: RegistrySource = {
  name: 'rust-checkout',
  stage: 'names',
  applies: (inputs) => inputs.checkout !== undefined,
  async collect(inputs) {
    return [await collectRustCheckout(inputs.checkout!, (done, total) => inputs.onProgress?.({ phase: 'parse', done, total }))];
  },
};
