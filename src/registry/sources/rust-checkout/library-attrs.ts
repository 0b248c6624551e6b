/**
 * Library stability attributes (https://rustc-dev-guide.rust-lang.org/stability.html):
 * `#[unstable(feature = "x", issue = "N")]`, `#[stable(feature = "x", since = "1.0.0")]`,
 * `#[rustc_const_unstable(...)]`, `#[rustc_const_stable(...)]`, on items, and `#![unstable_removed(feature = "x",
 * since = "1.90.0", reason = "...")]` for a removed library feature, and also inside `macro_rules!`
 * bodies, where they are tokens (`#` then a `[...]` token tree) rather than attributes.
 */
import { diagnostic, type Diagnostic } from '../../../model/diagnostic.js';
import type { RustParser, SyntaxNode } from '../../../rust/parser.js';
import { metaOfAttribute } from '../../../rust/meta.js';
import type { FeatureFact } from '../../types.js';
import { descendantsOfType, innerTokens, isStringLiteral, literalValue, splitCommas } from './tokens.js';

const STABILITY = new Set(['unstable', 'stable', 'rustc_const_unstable', 'rustc_const_stable', 'unstable_removed']);

/** Library features the compiler treats as internal (rustc_feature's `internal()` for non-lang names). */
function isInternalLibraryFeature(name: string): boolean {
  return name === 'core_intrinsics' || name.endsWith('_internal') || name.endsWith('_internals');
}

interface Attr {
  kind: string;
  args: Map<string, string>;
  line: number;
  column: number;
}

/** Name/value pairs of a `(k = "v", ...)` token tree. */
function argsOfTokenTree(tt: SyntaxNode): Map<string, string> {
  const args = new Map<string, string>();
  for (const g of splitCommas(innerTokens(tt))) {
    if (g.length === 3 && g[0]!.type === 'identifier' && g[1]!.type === '=') {
      args.set(g[0]!.text, isStringLiteral(g[2]) ? literalValue(g[2]!) : g[2]!.text);
    }
  }
  return args;
}

function collectAttrs(root: SyntaxNode): Attr[] {
  const out: Attr[] = [];
  for (const a of descendantsOfType(root, ['attribute'])) {
    const meta = metaOfAttribute(a);
    if (!meta || meta.kind !== 'list' || !STABILITY.has(meta.name)) continue;
    const args = new Map<string, string>();
    for (const it of meta.items) if (it.kind === 'name-value') args.set(it.name, it.value);
    out.push({ kind: meta.name, args, line: meta.line, column: meta.column });
  }
  // Inside macro bodies: `#` followed by a `[name(...)]` token tree.
  for (const tt of descendantsOfType(root, ['token_tree'])) {
    const kids = tt.children.filter((c): c is SyntaxNode => c !== null);
    for (let i = 0; i + 1 < kids.length; i++) {
      if (kids[i]!.type !== '#') continue;
      let j = i + 1;
      if (kids[j]!.type === '!') j++;
      const bracket = kids[j];
      if (!bracket || bracket.type !== 'token_tree' || bracket.child(0)?.type !== '[') continue;
      const inner = innerTokens(bracket);
      if (inner.length !== 2 || inner[0]!.type !== 'identifier' || inner[1]!.type !== 'token_tree' || !STABILITY.has(inner[0]!.text)) continue;
      out.push({ kind: inner[0]!.text, args: argsOfTokenTree(inner[1]!), line: inner[0]!.startPosition.row + 1, column: inner[0]!.startPosition.column + 1 });
    }
  }
  return out;
}

/** Library feature facts from the text of one file of `library/` (a checkout's, or a rendered source page's). */
export function libraryAttributesOfText(parser: RustParser, text: string, file: string, currentVersion: string | null): { facts: FeatureFact[]; diagnostics: Diagnostic[] } {
  const tree = parser.parse(text);
  try {
    return parseLibraryAttributes(tree.rootNode, file, currentVersion);
  } finally {
    tree.delete();
  }
}

/** Library feature facts from one parsed file of `library/`. */
function parseLibraryAttributes(root: SyntaxNode, file: string, currentVersion: string | null): { facts: FeatureFact[]; diagnostics: Diagnostic[] } {
  const facts: FeatureFact[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const a of collectAttrs(root)) {
    const place = { file, line: a.line, column: a.column };
    const name = a.args.get('feature');
    if (!name) {
      diagnostics.push(diagnostic('registry/bad-stability-attribute', 'warning', `#[${a.kind}] without \`feature = "..."\`; expected the feature it belongs to`, place));
      continue;
    }
    const at = `${file}:${a.line}`;
    if (a.kind === 'unstable_removed') {
      const reason = a.args.get('reason');
      facts.push({ name, kind: 'lib', status: 'removed', since: a.args.get('since') ?? null, ...(reason ? { reason } : {}), at });
    } else if (a.kind === 'unstable' || a.kind === 'rustc_const_unstable') {
      const issue = a.args.get('issue');
      const n = issue && /^\d+$/.test(issue) && issue !== '0' ? Number(issue) : null;
      if (issue !== undefined && issue !== 'none' && n === null) {
        diagnostics.push(diagnostic('registry/bad-stability-attribute', 'warning', `issue of \`${name}\` is \`${issue}\`; expected a number or "none"`, place));
      }
      facts.push({ name, kind: 'lib', status: isInternalLibraryFeature(name) ? 'internal' : 'unstable', since: null, trackingIssue: n, at });
    } else {
      let since = a.args.get('since') ?? null;
      if (since === 'CURRENT_RUSTC_VERSION') since = currentVersion;
      // stdarch writes `since = "1.89"`; the compiler says 1.89.0.
      else if (since !== null && /^\d+\.\d+$/.test(since)) since = `${since}.0`;
      facts.push({ name, kind: 'lib', status: 'stable', since, at });
    }
  }
  return { facts, diagnostics };
}
