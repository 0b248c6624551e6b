/**
 * The feature tables of rustc: `declare_features!` in compiler/rustc_feature/src/{unstable,accepted,removed}.rs
 * (https://github.com/rust-lang/rust/tree/master/compiler/rustc_feature/src). Each entry is a tuple
 * `(status, name, "version", issue, [reason], [pull])` inside the macro's token tree; `CURRENT_RUSTC_VERSION`
 * stands for the release being developed.
 */
import { diagnostic, type Diagnostic } from '../../../model/diagnostic.js';
import type { FeatureStatus } from '../../../model/registry.js';
import type { SyntaxNode } from '../../../rust/parser.js';
import type { FeatureFact } from '../../types.js';
import { descendantsOfType, innerTokens, isStringLiteral, literalValue, splitCommas } from './tokens.js';

const STATUS: Record<string, FeatureStatus> = {
  unstable: 'unstable',
  active: 'unstable',
  incomplete: 'incomplete',
  internal: 'internal',
  accepted: 'stable',
  removed: 'removed',
  stable_removed: 'removed',
  renamed: 'removed',
};

/** `Some(123)` / `None` / `123` -> number | null | undefined (undefined: not an issue expression). */
function optionNumber(tokens: SyntaxNode[]): number | null | undefined {
  if (tokens.length === 1 && tokens[0]!.type === 'identifier' && tokens[0]!.text === 'None') return null;
  if (tokens.length === 1 && tokens[0]!.type === 'integer_literal') return Number(tokens[0]!.text.replace(/_/g, ''));
  if (tokens.length === 2 && tokens[0]!.text === 'Some' && tokens[1]!.type === 'token_tree') {
    const inner = innerTokens(tokens[1]!);
    if (inner.length === 1 && inner[0]!.type === 'integer_literal') return Number(inner[0]!.text.replace(/_/g, ''));
  }
  return undefined;
}

/** `Some("text")` / `None` -> string | null | undefined. */
function optionString(tokens: SyntaxNode[]): string | null | undefined {
  if (tokens.length === 1 && tokens[0]!.text === 'None') return null;
  if (tokens.length === 2 && tokens[0]!.text === 'Some' && tokens[1]!.type === 'token_tree') {
    const inner = innerTokens(tokens[1]!);
    if (inner.length === 1 && isStringLiteral(inner[0])) return literalValue(inner[0]!);
  }
  return undefined;
}

/** A reason such as "renamed to `coroutines`" names the new feature. */
function renamedTarget(reason: string | null | undefined): string | undefined {
  const m = reason ? /^renamed to `?([A-Za-z_][A-Za-z0-9_]*)`?$/.exec(reason.trim()) : null;
  return m?.[1];
}

/**
 * Entries of every `declare_features!` invocation in a parsed file. `file` is the path relative to the
 * checkout; `currentVersion` resolves `CURRENT_RUSTC_VERSION`.
 */
export function parseDeclareFeatures(root: SyntaxNode, file: string, currentVersion: string | null): { facts: FeatureFact[]; diagnostics: Diagnostic[] } {
  const facts: FeatureFact[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const inv of descendantsOfType(root, ['macro_invocation'])) {
    if (inv.childForFieldName('macro')?.text !== 'declare_features') continue;
    const body = inv.children.find((c) => c?.type === 'token_tree');
    if (!body) continue;
    for (const entry of innerTokens(body)) {
      if (entry.type === ',') continue;
      const line = entry.startPosition.row + 1;
      const place = { file, line, column: entry.startPosition.column + 1 };
      // The macro_rules! pattern `$(...)` in the same file is a macro_definition, not an invocation, so every
      // token tree here is an entry; anything else is unexpected.
      if (entry.type !== 'token_tree') {
        diagnostics.push(diagnostic('registry/bad-feature-entry', 'warning', `unexpected \`${entry.text.slice(0, 40)}\` in declare_features!; expected a tuple \`(status, name, "version", issue)\``, place));
        continue;
      }
      const parts = splitCommas(innerTokens(entry));
      const [statusTok, nameTok, versionTok, issueToks, reasonToks, pullToks] = parts;
      const statusWord = statusTok?.length === 1 ? statusTok[0]!.text : '';
      const status = STATUS[statusWord];
      const name = nameTok?.length === 1 && nameTok[0]!.type === 'identifier' ? nameTok[0]!.text : undefined;
      if (!status || !name || !versionTok || versionTok.length !== 1) {
        diagnostics.push(diagnostic('registry/bad-feature-entry', 'warning', `could not read the declare_features! entry \`${entry.text.replace(/\s+/g, ' ').slice(0, 80)}\`; expected \`(status, name, "version", issue, ...)\` with status one of ${Object.keys(STATUS).join(', ')}`, place));
        continue;
      }
      let version: string | null = isStringLiteral(versionTok[0]) ? literalValue(versionTok[0]!) : versionTok[0]!.text;
      if (version === 'CURRENT_RUSTC_VERSION') {
        if (!currentVersion) diagnostics.push(diagnostic('registry/unresolved-version', 'warning', `\`${name}\` says CURRENT_RUSTC_VERSION but the checkout has no src/version to resolve it`, place));
        version = currentVersion;
      }
      const issue = issueToks ? optionNumber(issueToks) : null;
      if (issue === undefined) diagnostics.push(diagnostic('registry/bad-feature-entry', 'warning', `tracking issue of \`${name}\` is \`${issueToks!.map((t) => t.text).join('')}\`; expected \`Some(N)\` or \`None\``, place));
      const fact: FeatureFact = {
        name,
        kind: 'lang',
        status,
        // For unstable entries the version is when the gate was added, not a release that changed its status.
        since: status === 'stable' || status === 'removed' ? version : null,
        trackingIssue: issue ?? null,
        at: `${file}:${line}`,
      };
      if (status === 'removed') {
        // Older trees put an edition in the fourth slot of unstable entries; removed entries have reason, pull.
        const reason = reasonToks ? optionString(reasonToks) : null;
        if (reason) fact.reason = reason;
        const renamed = renamedTarget(reason);
        if (renamed) fact.renamedTo = renamed;
        const pull = pullToks ? optionNumber(pullToks) : null;
        if (pull) fact.pull = pull;
      }
      facts.push(fact);
    }
  }
  return { facts, diagnostics };
}
