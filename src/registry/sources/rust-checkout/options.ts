/**
 * `-Z` options from compiler/rustc_session/src/options.rs (or options/unstable.rs in newer trees)
 * (https://github.com/rust-lang/rust/blob/master/compiler/rustc_session/src/options.rs): the `options!`
 * invocation whose header names "Z" lists `name: Type = (default, parser, [TRACKED], "help"),`.
 */
import type { SyntaxNode } from '../../../rust/parser.js';
import type { FeatureFact } from '../../types.js';
import { descendantsOfType, innerTokens, isStringLiteral, literalValue } from './tokens.js';

/** Every `-Z` option declared in a parsed file. */
export function parseZOptions(root: SyntaxNode, file: string): FeatureFact[] {
  const facts: FeatureFact[] = [];
  for (const inv of descendantsOfType(root, ['macro_invocation'])) {
    if (inv.childForFieldName('macro')?.text !== 'options') continue;
    const body = inv.children.find((c) => c?.type === 'token_tree');
    if (!body) continue;
    const tokens = innerTokens(body);
    // The header is the first six comma-separated tokens; the prefix string is "Z" for unstable options.
    const header = tokens.slice(0, 12).filter((t) => isStringLiteral(t)).map((t) => literalValue(t));
    if (header[0] !== 'Z') continue;
    for (let i = 1; i + 1 < tokens.length; i++) {
      const t = tokens[i]!;
      const prev = tokens[i - 1]!;
      if (t.type !== 'identifier' || tokens[i + 1]!.type !== ':') continue;
      // An entry starts after a comma or after an attribute's `[...]` token tree.
      if (prev.type !== ',' && !(prev.type === 'token_tree' && prev.child(0)?.type === '[')) continue;
      let j = i + 2;
      while (j < tokens.length && tokens[j]!.type !== '=') j++;
      const def = tokens[j + 1];
      if (!def || def.type !== 'token_tree') continue;
      const strings = innerTokens(def).filter((x) => isStringLiteral(x));
      const help = strings.length > 0 ? literalValue(strings[strings.length - 1]!).split('\n')[0]!.trim() : undefined;
      facts.push({ name: `-Z${t.text.replace(/_/g, '-')}`, kind: 'flag', status: 'unstable', since: null, ...(help ? { help } : {}), at: `${file}:${t.startPosition.row + 1}` });
      i = j + 1;
    }
  }
  return facts;
}
