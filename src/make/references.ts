/**
 * Make variable references and function calls in one logical line
 * (https://www.gnu.org/software/make/manual/html_node/Functions.html): `$(if c,then,else)`,
 * `$(call rustc-min-version,109300)`, `$(CONFIG_X)`. Used to tell which branch of an inline `$(if ...)` a flag
 * sits in, and where an argument ends (a comma separates arguments only inside a function call).
 */
import { skipReference } from './parse-makefile.js';

/** One `$(...)` or `${...}` in a line. */
export interface MakeReference {
  /** Offset of `$`. */
  start: number;
  /** Offset after the closing bracket (the end of the code when it never closes). */
  end: number;
  /** Function name (`if`, `call`, `error`...) or, for a variable reference, the variable's text. */
  name: string;
  isFunction: boolean;
  /** Argument spans of a function call, `[start, end)` offsets. */
  args: { start: number; end: number }[];
}

/** Functions whose arguments are split at commas. */
const FUNCTIONS = new Set([
  'subst', 'patsubst', 'strip', 'findstring', 'filter', 'filter-out', 'sort', 'word', 'wordlist', 'words', 'firstword',
  'lastword', 'dir', 'notdir', 'suffix', 'basename', 'addsuffix', 'addprefix', 'join', 'wildcard', 'realpath',
  'abspath', 'error', 'warning', 'info', 'shell', 'origin', 'flavor', 'foreach', 'if', 'or', 'and', 'call', 'eval',
  'file', 'value', 'let', 'intcmp',
]);

/** Every reference in `text[0, end)`, outer ones before the ones they contain. */
export function parseReferences(text: string, end = text.length): MakeReference[] {
  const out: MakeReference[] = [];
  const code = text.slice(0, end);
  const scan = (from: number, to: number) => {
    for (let i = code.indexOf('$', from); i >= 0 && i < to; i = code.indexOf('$', i)) {
      const open = code[i + 1];
      if (open === '$') {
        i += 2;
        continue;
      }
      if (open !== '(' && open !== '{') {
        i += 2;
        continue;
      }
      const closeAt = skipReference(code, i);
      const refEnd = closeAt < 0 ? to : Math.min(closeAt, to);
      const bodyEnd = closeAt < 0 ? to : refEnd - 1;
      const m = /^[^\s,:)}(${]+/.exec(code.slice(i + 2, bodyEnd));
      const name = m ? m[0] : '';
      const isFunction = FUNCTIONS.has(name) && /\s/.test(code[i + 2 + name.length] ?? '');
      const ref: MakeReference = { start: i, end: refEnd, name: isFunction ? name : code.slice(i + 2, bodyEnd), isFunction, args: [] };
      if (isFunction) {
        let argStart = i + 2 + name.length + 1;
        while (argStart < bodyEnd && /\s/.test(code[argStart]!)) argStart++;
        const bracket = open;
        const close = open === '(' ? ')' : '}';
        let depth = 0;
        for (let j = argStart; j < bodyEnd; j++) {
          const c = code[j];
          if (c === '$' && (code[j + 1] === '(' || code[j + 1] === '{')) {
            const e = skipReference(code, j);
            j = (e < 0 ? bodyEnd : e) - 1;
          } else if (c === bracket) depth++;
          else if (c === close) depth--;
          else if (c === ',' && depth === 0) {
            ref.args.push({ start: argStart, end: j });
            argStart = j + 1;
          }
        }
        ref.args.push({ start: argStart, end: bodyEnd });
      }
      out.push(ref);
      scan(i + 2, bodyEnd);
      i = refEnd;
    }
  };
  scan(0, end);
  return out;
}

/** For each reference of a list, the index of the reference around it (-1 at the top), made once per list. */
const parents = new WeakMap<readonly MakeReference[], Int32Array>();

/** Parent indexes of `refs`: references nest (one contains another or they are apart) and come outer first. */
function parentsOf(refs: readonly MakeReference[]): Int32Array {
  let p = parents.get(refs);
  if (p) return p;
  p = new Int32Array(refs.length);
  const open: number[] = [];
  refs.forEach((ref, i) => {
    while (open.length > 0 && refs[open.at(-1)!]!.end <= ref.start) open.pop();
    p![i] = open.length > 0 ? open.at(-1)! : -1;
    open.push(i);
  });
  parents.set(refs, p);
  return p;
}

/** The argument of `ref` that `offset` falls in, or -1 (a binary search: a call may have thousands). */
function argAt(ref: MakeReference, offset: number): number {
  const args = ref.args;
  let lo = 0;
  let hi = args.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (args[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && offset <= args[found]!.end ? found : -1;
}

/**
 * References that contain `offset`, outermost first, with the argument index it falls in (-1 for none). The last
 * reference starting before `offset` is found by a binary search and its chain of outer references walked: a line
 * holding thousands of flags, each in its own `$(call ...)`, costs a logarithm per flag, not the whole line.
 */
export function enclosingReferences(refs: readonly MakeReference[], offset: number): { ref: MakeReference; arg: number }[] {
  let lo = 0;
  let hi = refs.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (refs[mid]!.start < offset) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (last < 0) return [];
  const parent = parentsOf(refs);
  const out: { ref: MakeReference; arg: number }[] = [];
  for (let i = last; i >= 0; i = parent[i]!) {
    const ref = refs[i]!;
    if (offset < ref.end) out.push({ ref, arg: argAt(ref, offset) });
  }
  return out.reverse();
}

/** Text of one argument, trimmed. */
export function argText(text: string, ref: MakeReference, index: number): string {
  const a = ref.args[index];
  return a ? text.slice(a.start, a.end).trim() : '';
}
