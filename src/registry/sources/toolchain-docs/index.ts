/**
 * Source 2, an installed toolchain: the Unstable Book pages and the release notes under
 * `$(rustc --print sysroot)/share/doc/rust/html/`, and, when the `rust-src` component is installed, the
 * library's stability attributes under `lib/rustlib/src/rust/library/` (else as rendered in the docs, `html/src/`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../../../model/diagnostic.js';
import { toolchainLabel } from '../../toolchain.js';
import { collectLibraryAttributes } from '../rust-checkout/index.js';
import type { FeatureFact, RegistryFacts, RegistrySource } from '../../types.js';
import { collectLibraryHtml } from './library-html.js';
import { parseReleaseNotes } from './release-notes.js';
import { parseUnstableBookPage, UNSTABLE_BOOK_CHAPTERS } from './unstable-book.js';

/** Read the Unstable Book under a docs root (`.../share/doc/rust/html`). */
export function collectUnstableBook(htmlRoot: string, label: string): RegistryFacts {
  const facts: FeatureFact[] = [];
  const diagnostics: Diagnostic[] = [];
  const book = join(htmlRoot, 'unstable-book');
  for (const { dir, kind } of UNSTABLE_BOOK_CHAPTERS) {
    const chapter = join(book, dir);
    if (!existsSync(chapter)) {
      diagnostics.push(diagnostic('registry/docs-missing', 'warning', `${label} has no Unstable Book chapter ${dir}/; expected it under share/doc/rust/html/unstable-book/`, {}, 'install the docs with `rustup component add rust-docs`'));
      continue;
    }
    for (const f of readdirSync(chapter).sort()) {
      if (!f.endsWith('.html')) continue;
      const at = `unstable-book/${dir}/${f}`;
      let html: string;
      try {
        html = readFileSync(join(chapter, f), 'utf8');
      } catch (e) {
        diagnostics.push(diagnostic('registry/unreadable-doc', 'warning', `could not read ${at}: ${(e as Error).message}`, { file: at }));
        continue;
      }
      const fact = parseUnstableBookPage(html, kind, at);
      if (fact && kind !== 'flag') {
        // The page's file is generated from the feature's name; a heading that names another feature is a
        // slip in the docs (seen upstream), so the file name wins and the slip is reported.
        const stem = f.slice(0, -'.html'.length).replace(/-/g, '_');
        if (stem !== fact.name) {
          diagnostics.push(diagnostic('registry/doc-heading-mismatch', 'info', `${at} is the page of \`${stem}\` but its heading names \`${fact.name}\`; the file name is taken`, { file: at }));
          fact.name = stem;
        }
      }
      if (fact) facts.push(fact);
      else if (kind !== 'flag') diagnostics.push(diagnostic('registry/unreadable-doc', 'info', `${at} names no feature; expected an <h1> holding the name in <code>`, { file: at }));
    }
  }
  return { source: 'unstable-book', label, facts, diagnostics, provenance: [{ source: 'unstable-book', detail: `${label}: ${facts.length} pages` }] };
}

/** Read releases.md under a docs root, when present. */
export function collectReleaseNotes(htmlRoot: string, label: string): RegistryFacts | null {
  const file = join(htmlRoot, 'releases.md');
  if (!existsSync(file)) return null;
  const facts = parseReleaseNotes(readFileSync(file, 'utf8'), 'releases.md');
  return { source: 'release-notes', label, facts, diagnostics: [], provenance: [{ source: 'release-notes', detail: `${label}: releases.md, ${facts.length} stabilised names` }] };
}

/** The docs of the toolchain being described. */
export const toolchainDocsSource: RegistrySource = {
  name: 'toolchain-docs',
  stage: 'names',
  applies: (inputs) => inputs.toolchain !== undefined,
  async collect(inputs) {
    const t = inputs.toolchain!;
    const root = join(t.sysroot, 'share', 'doc', 'rust', 'html');
    const label = toolchainLabel(t);
    if (!existsSync(root)) {
      return [{ source: 'unstable-book', label, facts: [], provenance: [], diagnostics: [diagnostic('registry/docs-missing', 'warning', `${label} has no docs under its sysroot (share/doc/rust/html)`, {}, 'install them with `rustup component add rust-docs`')] }];
    }
    const out = [collectUnstableBook(root, label)];
    if (inputs.librarySources) {
      const src = join(t.sysroot, 'lib', 'rustlib', 'src', 'rust');
      if (existsSync(join(src, 'library'))) {
        const lib = await collectLibraryAttributes(src, t.release, (done, total) => inputs.onProgress?.({ phase: 'parse', done, total, detail: 'rust-src' }));
        out.push({ source: 'rust-src', label, facts: lib.facts, diagnostics: lib.diagnostics, provenance: [{ source: 'rust-src', detail: `${label}: ${lib.files} library files` }] });
      } else if (inputs.libraryDocs && existsSync(join(root, 'src'))) {
        // Without rust-src, the same library sources as the docs render them: the same facts, same toolchain.
        const lib = await collectLibraryHtml(root, t.release, (done, total) => inputs.onProgress?.({ phase: 'parse', done, total, detail: 'library sources in the docs' }));
        out.push({ source: 'rust-src', label, facts: lib.facts, diagnostics: lib.diagnostics, provenance: [{ source: 'rust-src', detail: `${label}: ${lib.files} library source pages of its docs (share/doc/rust/html/src)` }] });
      }
    }
    if (inputs.releaseNotes) {
      inputs.onProgress?.({ phase: 'release-notes', done: 0, detail: label });
      const notes = collectReleaseNotes(root, label);
      if (notes) out.push(notes);
    }
    return out;
  },
};
