/**
 * The standard library's sources as rustdoc renders them in a toolchain's docs
 * (`share/doc/rust/html/src/<crate>/**.rs.html`, https://doc.rust-lang.org/rustdoc/): one `<pre class="rust"><code>`
 * per file, each line led by an anchor marked `data-nosnippet` that holds its number. The HTML is read with
 * hast-util-from-html, the code text (without the line numbers) with tree-sitter, so the library's stability
 * attributes come from the same parser as for the `rust-src` component. This is how a toolchain without
 * `rust-src` still tells its library features (`stdarch_*`, removed ones such as `concat_idents`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { diagnostic, type Diagnostic } from '../../../model/diagnostic.js';
import { loadRustParser } from '../../../rust/parser.js';
import type { FeatureFact } from '../../types.js';
import { dedupeLibraryFacts } from '../rust-checkout/index.js';
import { libraryAttributesOfText } from '../rust-checkout/library-attrs.js';

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function findElement(node: HastNode, test: (n: HastNode) => boolean): HastNode | null {
  if (node.type === 'element' && test(node)) return node;
  for (const c of node.children ?? []) {
    const hit = findElement(c, test);
    if (hit) return hit;
  }
  return null;
}

/** Text of a node without the elements rustdoc marks `data-nosnippet` (the line numbers). */
function codeText(node: HastNode, out: string[] = []): string[] {
  if (node.type === 'text') out.push(node.value ?? '');
  else if (node.type === 'element' && node.properties?.['dataNosnippet'] !== undefined) return out;
  for (const c of node.children ?? []) codeText(c, out);
  return out;
}

/**
 * The Rust text and original path of one rendered source page, or null when the page holds no source listing.
 * The path comes from the page's description (`Source of the Rust file `library/core/src/../../stdarch/...``).
 */
export function parseRenderedSource(html: string): { path: string | null; text: string } | null {
  const tree = fromHtml(html) as HastNode;
  const pre = findElement(tree, (n) => n.tagName === 'pre' && String(n.properties?.['className'] ?? '').includes('rust'));
  const code = pre && findElement(pre, (n) => n.tagName === 'code');
  if (!code) return null;
  const meta = findElement(tree, (n) => n.tagName === 'meta' && n.properties?.['name'] === 'description');
  const described = /`([^`]+\.rs)`/.exec(String(meta?.properties?.['content'] ?? ''))?.[1];
  return { path: described ? posix.normalize(described) : null, text: codeText(code).join('') };
}

function pagesUnder(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) pagesUnder(p, out);
    else if (e.name.endsWith('.rs.html')) out.push(p);
  }
  return out;
}

/** Library feature facts from every rendered source page under `<docs>/src/`. */
export async function collectLibraryHtml(
  htmlRoot: string,
  currentVersion: string | null,
  onProgress?: (done: number, total: number) => void,
): Promise<{ facts: FeatureFact[]; diagnostics: Diagnostic[]; files: number }> {
  const parser = await loadRustParser();
  const facts: FeatureFact[] = [];
  const diagnostics: Diagnostic[] = [];
  const root = join(htmlRoot, 'src');
  const pages = pagesUnder(root).sort();
  let done = 0;
  for (const abs of pages) {
    const rel = `src/${abs.slice(root.length + 1).split('\\').join('/')}`;
    let html: string;
    try {
      html = readFileSync(abs, 'utf8');
    } catch (e) {
      diagnostics.push(diagnostic('registry/unreadable-doc', 'warning', `could not read ${rel}: ${(e as Error).message}`, { file: rel }));
      continue;
    }
    // Only to skip pages that cannot hold a stability attribute; the facts come from the syntax tree.
    if (html.includes('stable')) {
      const page = parseRenderedSource(html);
      if (!page) {
        diagnostics.push(diagnostic('registry/unreadable-doc', 'info', `${rel} holds no source listing; expected <pre class="rust"><code>`, { file: rel }));
      } else {
        const r = libraryAttributesOfText(parser, page.text, page.path ?? rel, currentVersion);
        facts.push(...r.facts);
        diagnostics.push(...r.diagnostics);
      }
    }
    onProgress?.(++done, pages.length);
  }
  return { facts: dedupeLibraryFacts(facts), diagnostics, files: pages.length };
}
