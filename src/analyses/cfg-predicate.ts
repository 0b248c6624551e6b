/**
 * Rust `cfg` predicates as the scan keeps them (`not(test)`, `all(CONFIG_X, not(CONFIG_Y))`), evaluated with
 * three values: https://doc.rust-lang.org/reference/conditional-compilation.html. The predicate is a short
 * string the scan already extracted with tree-sitter; this only reads its small grammar.
 */

/** true, false, or null when the predicate cannot be decided with what is known. */
export type Tristate = boolean | null;

/** What a predicate's names mean: true/false, or null when unknown. */
export type CfgLookup = (name: string, value: string | null) => Tristate;

type Node = { op: 'not' | 'all' | 'any'; args: Node[] } | { name: string; value: string | null };

function parse(text: string): Node | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const ident = (): string | null => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) return null;
    i += m[0].length;
    return m[0];
  };
  const node = (): Node | null => {
    const name = ident();
    if (name === null) return null;
    ws();
    if ((name === 'not' || name === 'all' || name === 'any') && text[i] === '(') {
      i++;
      const args: Node[] = [];
      ws();
      while (text[i] !== ')') {
        const a = node();
        if (!a) return null;
        args.push(a);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== ')') return null;
        ws();
      }
      i++;
      if (name === 'not' && args.length !== 1) return null;
      return { op: name, args };
    }
    if (text[i] === '=') {
      i++;
      ws();
      const m = /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(i));
      if (!m) return null;
      i += m[0].length;
      return { name, value: m[1]! };
    }
    return { name, value: null };
  };
  const n = node();
  ws();
  return n && i === text.length ? n : null;
}

function evaluate(n: Node, lookup: CfgLookup): Tristate {
  if ('name' in n) return lookup(n.name, n.value);
  const vals = n.args.map((a) => evaluate(a, lookup));
  if (n.op === 'not') return vals[0] === null ? null : !vals[0];
  if (n.op === 'all') return vals.includes(false) ? false : vals.includes(null) ? null : true;
  return vals.includes(true) ? true : vals.includes(null) ? null : false;
}

/** Evaluate a cfg predicate; null when it cannot be decided or cannot be read. */
export function computeCfgPredicate(predicate: string, lookup: CfgLookup): Tristate {
  const n = parse(predicate);
  return n ? evaluate(n, lookup) : null;
}
