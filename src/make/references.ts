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

/** References that contain `offset`, outermost first, with the argument index it falls in (-1 for none). */
export function enclosingReferences(refs: readonly MakeReference[], offset: number): { ref: MakeReference; arg: number }[] {
  const out: { ref: MakeReference; arg: number }[] = [];
  for (const ref of refs) {
    if (ref.start < offset && offset < ref.end) {
      out.push({ ref, arg: ref.args.findIndex((a) => a.start <= offset && offset <= a.end) });
    }
  }
  return out;
}

/** Text of one argument, trimmed. */
export function argText(text: string, ref: MakeReference, index: number): string {
  const a = ref.args[index];
  return a ? text.slice(a.start, a.end).trim() : '';
}
