/**
 * A small GNU make reader (https://www.gnu.org/software/make/manual/html_node/Makefiles.html): logical lines
 * joined at backslash-newline with every physical line number kept, `#` comments (not `\#`), `define ... endef`
 * bodies, nested `ifdef/ifndef/ifeq/ifneq/else [ifxxx]/endif`, assignments (`:=`, `::=`, `:::=`, `=`, `+=`,
 * `?=`, `!=`, with `export`/`override`/`private`, and target-specific ones), rules and their tab-indented recipe
 * lines. It does not expand anything: it says what each line is and which conditionals it sits under. Malformed
 * input (unterminated conditional or `define`, stray `else`/`endif`, an unclosed `$(`) is a diagnostic with its line
 * and reading goes on. Shell scripts are read with `parseShellScript`, which knows only continuations and
 * comments.
 */
import { diagnostic, type Diagnostic, type Severity } from '../model/diagnostic.js';

/** One conditional test a line sits under; `negated` folds in `ifndef`, `ifneq` and `else`. */
export interface MakeTest {
  /** `defined`: `ifdef VAR`; `equal`: `ifeq (left,right)`. */
  kind: 'defined' | 'equal';
  variable?: string;
  left?: string;
  right?: string;
  negated: boolean;
  /** 1-based line of the directive. */
  line: number;
  /** The directive as written, e.g. `ifeq ($(CONFIG_X),y)`. */
  text: string;
}

/** An assignment, plain or target-specific. */
interface MakeAssignment {
  /** Variable name as written, e.g. `rustflags-$(CONFIG_X)`. */
  name: string;
  op: ':=' | '::=' | ':::=' | '=' | '+=' | '?=' | '!=';
  value: string;
  /** Offset of `value` in the logical line's text. */
  valueOffset: number;
  export: boolean;
  override: boolean;
  /** Targets of a target-specific assignment (`$(obj)/kernel.o: private X = ...`). */
  targets?: string;
}

/** Where each physical line starts in a logical line's text. */
interface Segment {
  /** Offset in the logical text. */
  offset: number;
  /** 1-based physical line. */
  line: number;
}

/** One logical line of a Makefile. */
export interface MakeLine {
  kind: 'assignment' | 'rule' | 'recipe' | 'define-body' | 'directive' | 'text' | 'comment';
  /** Logical text: physical lines joined, each trailing `\` replaced by a space, so offsets map to columns. */
  text: string;
  /** End of the code part of `text` (where a comment starts, or text.length). */
  codeEnd: number;
  /** 1-based line where the logical line starts. */
  line: number;
  segments: Segment[];
  /** Every conditional test in force, outermost first. */
  conditions: MakeTest[];
  assignment?: MakeAssignment;
  /** Targets of the rule a recipe line belongs to, or of a rule line itself. */
  targets?: string;
  /** Name of the `define` a body line belongs to. */
  defineName?: string;
}

/** A Makefile read into logical lines. */
export interface MakeDocument {
  lines: MakeLine[];
  /** Malformed make, each with its place (`file` when the caller named one). */
  diagnostics: Diagnostic[];
}

/**
 * How much each malformation costs what is read. `error`: part of the file could not be read as make reads it
 * (a reference that never closes, a test that cannot be parsed, a `define` that swallows the rest of the file);
 * `warning`: every line is read, but the conditions around some are doubtful (a stray `else` or `endif`, a
 * conditional left open: make itself refuses such a file).
 */
export const MAKE_DIAGNOSTIC_SEVERITY = {
  'make/unclosed-reference': 'error',
  'make/malformed-conditional': 'error',
  'make/unterminated-define': 'error',
  'make/unterminated-conditional': 'warning',
  'make/else-without-if': 'warning',
  'make/endif-without-if': 'warning',
  'make/extra-else': 'warning',
  'make/endef-without-define': 'warning',
} as const satisfies Record<string, Severity>;

/** A code of a make reading diagnostic. */
export type MakeDiagnosticCode = keyof typeof MAKE_DIAGNOSTIC_SEVERITY;

/** 1-based line and column of an offset in a logical line. */
export function positionOf(line: Pick<MakeLine, 'segments'>, offset: number): { line: number; column: number } {
  // A binary search: one logical line may join tens of thousands of physical ones, each holding a flag.
  const segments = line.segments;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (segments[mid]!.offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const seg = segments[lo]!;
  return { line: seg.line, column: offset - seg.offset + 1 };
}

/** True when `s` ends with an odd number of backslashes (a continuation, not an escaped backslash). */
function continues(s: string): boolean {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s.charCodeAt(i) === 92; i--) n++;
  return n % 2 === 1;
}

interface Logical {
  text: string;
  line: number;
  segments: Segment[];
}

/** Join physical lines at backslash-newline; the `\` becomes a space so columns stay exact. */
function logicalLines(text: string): Logical[] {
  const phys = text.split('\n');
  const out: Logical[] = [];
  for (let i = 0; i < phys.length; i++) {
    const line = i + 1;
    const segments: Segment[] = [];
    let joined = '';
    for (;;) {
      let raw = phys[i]!;
      if (raw.endsWith('\r')) raw = raw.slice(0, -1);
      segments.push({ offset: joined.length, line: i + 1 });
      if (continues(raw) && i + 1 < phys.length) {
        joined += raw.slice(0, -1) + ' ';
        i++;
        continue;
      }
      joined += raw;
      break;
    }
    out.push({ text: joined, line, segments });
  }
  // A final newline leaves one empty physical line that is not part of the file.
  if (out.length > 0 && out.at(-1)!.text === '' && text.endsWith('\n')) out.pop();
  return out;
}

/**
 * Offset of the first make comment `#` (not `\#`, not inside a `$(...)` reference, as GNU make 4 reads it), or -1.
 * The kernel still writes `$(pound)` for a literal `#` because older makes did cut inside references.
 */
function makeCommentStart(text: string): number {
  const hash = text.indexOf('#');
  if (hash < 0) return -1;
  // Only a backslash or a reference before the first `#` can make it no comment: most lines have neither, and
  // are answered by native searches instead of a loop over every character.
  let from = text.indexOf('$');
  const backslash = text.indexOf('\\');
  if (from < 0 || (backslash >= 0 && backslash < from)) from = backslash;
  if (from < 0 || from > hash) return hash;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      i++;
      continue;
    }
    if (c === 36 && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const end = skipReference(text, i);
      if (end > 0) i = end - 1;
      continue;
    }
    if (c === 35) return i;
  }
  return -1;
}

/** Offset of a shell comment: `#` starting a word, outside quotes; -1 when none. */
function shellCommentStart(text: string, from = 0): number {
  if (text.indexOf('#', from) < 0) return -1;
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === from || /[\s;&|(]/.test(text[i - 1]!))) {
      // `$#` and `${#x}` are shell parameters, not comments.
      if (i > 0 && (text[i - 1] === '$' || text[i - 1] === '{')) continue;
      return i;
    }
  }
  return -1;
}

/** The characters a reference's end depends on: where `skipReference` stops, found by a native search. */
const REFERENCE_STOPS = /[$(){}]/g;

/**
 * Skip a make reference starting at `i` (`$(`, `${`, `$$`, `$x`) and return the offset after it, or -1 when it does
 * not close before `end`. Make counts only the bracket kind that opened the reference, as GNU make does.
 */
export function skipReference(text: string, i: number, end = text.length): number {
  const open = text[i + 1];
  if (i + 1 >= end || (open !== '(' && open !== '{')) return Math.min(i + 2, end);
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  for (let j = i + 1; j < end; ) {
    REFERENCE_STOPS.lastIndex = j;
    const m = REFERENCE_STOPS.exec(text);
    if (m === null || m.index >= end) return -1;
    j = m.index;
    const c = text[j];
    if (c === '$') {
      const next = j + 1 < end ? text[j + 1] : undefined;
      if (next === '(' || next === '{') {
        const inner = skipReference(text, j, end);
        if (inner < 0) return -1;
        j = inner;
      } else j += next === '$' ? 2 : 1;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
    j++;
  }
  return -1;
}

/** Offset of the first `$(`/`${` in `text[from, to)` that never closes, or -1. */
function unclosedReference(text: string, from: number, to: number): number {
  for (let i = text.indexOf('$', from); i >= 0 && i < to; i = text.indexOf('$', i)) {
    if (text[i + 1] === '$') {
      i += 2;
      continue;
    }
    const end = skipReference(text, i, to);
    if (end < 0) return i;
    i = end;
  }
  return -1;
}

const ASSIGN_OPS = [':::=', '::=', ':=', '+=', '?=', '!=', '='] as const;

/** Find the first assignment operator or rule colon outside references: what decides a line's kind. */
function findOperator(text: string, from: number): { at: number; op: MakeAssignment['op'] | ':' | '::' } | null {
  // Jump from one character that matters to the next (a native search), not through every character.
  const special = /[$;#:=+?!]/g;
  special.lastIndex = from;
  for (let m = special.exec(text); m !== null; m = special.exec(text)) {
    const i = m.index;
    const c = text[i]!;
    if (c === '$') {
      const end = skipReference(text, i);
      if (end < 0) return null;
      special.lastIndex = end;
      continue;
    }
    if (c === ';' || c === '#') return null;
    if (c === ':' || c === '=' || ((c === '+' || c === '?' || c === '!') && text[i + 1] === '=')) {
      for (const op of ASSIGN_OPS) if (text.startsWith(op, i)) return { at: i, op };
      if (c === ':') return { at: i, op: text[i + 1] === ':' ? '::' : ':' };
    }
  }
  return null;
}

const PREFIXES = new Set(['export', 'override', 'private']);

/** Parse `[export|override|private]* NAME OP VALUE` starting at `from`; null when it is not one. */
function parseAssignment(text: string, from: number, end: number): MakeAssignment | null {
  const code = text.slice(0, end);
  const found = findOperator(code, from);
  if (!found || found.op === ':' || found.op === '::') return null;
  const words = code.slice(from, found.at).trim().split(/\s+/);
  let exp = false;
  let ovr = false;
  while (words.length > 1 && PREFIXES.has(words[0]!)) {
    const w = words.shift()!;
    if (w === 'export') exp = true;
    if (w === 'override') ovr = true;
  }
  if (words.length !== 1 || words[0] === '') return null;
  let v = found.at + found.op.length;
  while (v < end && (code[v] === ' ' || code[v] === '\t')) v++;
  return { name: words[0]!, op: found.op, value: code.slice(v).trimEnd(), valueOffset: v, export: exp, override: ovr };
}

/** Split `(a,b)` or `"a" "b"` of an ifeq/ifneq; null when malformed. */
function parseEqualArgs(args: string): [string, string] | null {
  const s = args.trim();
  if (s.startsWith('(')) {
    let depth = 0;
    let comma = -1;
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c === '$') {
        const e = skipReference(s, i);
        if (e < 0) return null;
        i = e - 1;
      } else if (c === '(') depth++;
      else if (c === ')') {
        if (--depth === 0) {
          if (comma < 0 || s.slice(i + 1).trim() !== '') return null;
          return [s.slice(1, comma).trim(), s.slice(comma + 1, i).trim()];
        }
      } else if (c === ',' && depth === 1 && comma < 0) comma = i;
    }
    return null;
  }
  const m = /^(["'])(.*?)\1\s+(["'])(.*?)\3$/.exec(s);
  return m ? [m[2]!, m[4]!] : null;
}

const CONDITIONALS = new Set(['ifdef', 'ifndef', 'ifeq', 'ifneq']);

/** A conditional directive's test, or the message of a diagnostic. */
function parseTest(word: string, rest: string, line: number): MakeTest | string {
  const text = `${word} ${rest.trim()}`.trim();
  if (word === 'ifdef' || word === 'ifndef') {
    const v = rest.trim();
    if (v === '' || /\s/.test(v)) return `malformed \`${text}\`: expected one variable name`;
    return { kind: 'defined', variable: v, negated: word === 'ifndef', line, text };
  }
  const args = parseEqualArgs(rest);
  if (!args) return `malformed \`${text}\`: expected \`${word} (a,b)\` or \`${word} "a" "b"\``;
  return { kind: 'equal', left: args[0], right: args[1], negated: word === 'ifneq', line, text };
}

/** The same test, true where the original is false (for `else` branches). */
function negateTest(t: MakeTest): MakeTest {
  return { ...t, negated: !t.negated };
}

interface Frame {
  /** The test of each branch so far (if, else if...). */
  branches: MakeTest[];
  /** Tests in force in the current branch. */
  current: MakeTest[];
  sawElse: boolean;
  line: number;
  text: string;
}

export interface ParseMakefileOptions {
  /**
   * Lines the caller will look at (given the logical line's text): only those are in `lines`. Assignments, rules
   * and plain text lines it does not want are not taken apart either, and a rule's targets are worked out only
   * when a recipe line follows. Every line is still read for what the kept ones depend on (conditionals, rules,
   * defines) and for diagnostics, which are the same as in a full reading. Absent: every line.
   */
  keep?: (text: string) => boolean;
  /** With `keep`, also every comment line (for comment groups above a kept line). */
  comments?: boolean;
  /** Path of the file, relative to its tree, for the diagnostics' place. */
  file?: string;
}

/** Read a Makefile into logical lines with their conditionals; never throws. */
export function parseMakefile(text: string, options: ParseMakefileOptions = {}): MakeDocument {
  const keep = options.keep;
  const comments = keep === undefined || options.comments === true;
  const lines: MakeLine[] = [];
  const diagnostics: Diagnostic[] = [];
  const problem = (code: MakeDiagnosticCode, message: string, line: number, column?: number) => {
    diagnostics.push(diagnostic(code, MAKE_DIAGNOSTIC_SEVERITY[code], message, { ...(options.file !== undefined ? { file: options.file } : {}), line, ...(column !== undefined ? { column } : {}) }));
  };
  const stack: Frame[] = [];
  // The tests in force, made only when a kept line needs them: gathering them at every directive would cost the
  // nesting depth each time, quadratic in a file of deeply nested conditionals.
  let current: MakeTest[] | null = [];
  const refresh = () => {
    current = null;
  };
  const conditionsNow = (): MakeTest[] => {
    if (current === null) {
      current = [];
      for (const f of stack) for (const t of f.current) current.push(t);
    }
    return current;
  };
  let ruleTargets: string | null = null;
  // A line not kept whose kind (a rule, or not) is worked out only if a recipe line follows: only a rule line gives
  // the tab-indented lines after it to the recipe.
  let unread: { l: Logical; start: number; codeEnd: number } | null = null;
  let define: { name: string; depth: number; line: number } | null = null;

  const checkReferences = (l: Logical, codeEnd: number) => {
    const open = unclosedReference(l.text, 0, codeEnd);
    if (open >= 0) {
      const p = positionOf(l, open);
      const shown = l.text.slice(open, open + 40);
      problem('make/unclosed-reference', `unbalanced \`$(\`: expected a closing bracket for the reference starting \`${shown}\``, p.line, p.column);
    }
  };
  /** A line read: into `lines` when the caller keeps it; checked for unclosed references whether kept or not. */
  const emit = (l: Logical, kind: MakeLine['kind'], codeEnd: number, extra: Partial<MakeLine> = {}) => {
    if (keep === undefined || (kind === 'comment' && comments) || keep(l.text)) {
      lines.push({ kind, text: l.text, codeEnd, line: l.line, segments: l.segments, conditions: conditionsNow(), ...extra });
    }
    // A define body is one string: a reference may open on one line and close on a later one.
    if (kind !== 'comment' && kind !== 'define-body') checkReferences(l, codeEnd);
  };

  /**
   * Read an assignment, rule, `export` directive or text line starting at `start`: the rule targets recipe lines
   * after it belong to (null but after a rule), or `ruleTargets` as it was (after a directive). `emit`: the line is
   * kept; `check`: only a directive is kept, any other line only checked for unclosed references; `resolve`: the
   * line was checked before, only its kind is wanted now.
   */
  const readStatement = (l: Logical, start: number, codeEnd: number, mode: 'emit' | 'check' | 'resolve'): string | null => {
    const t = l.text;
    const statement = (kind: 'assignment' | 'rule' | 'text', extra: Partial<MakeLine> = {}) => {
      if (mode === 'emit') emit(l, kind, codeEnd, extra);
      else if (mode === 'check') checkReferences(l, codeEnd);
    };
    const assignment = parseAssignment(t, start, codeEnd);
    if (assignment) {
      statement('assignment', { assignment });
      return null;
    }
    const code = t.slice(0, codeEnd);
    const op = findOperator(code, start);
    if (op && (op.op === ':' || op.op === '::')) {
      const targets = code.slice(start, op.at).trim();
      const targetVar = parseAssignment(t, op.at + op.op.length, codeEnd);
      if (targetVar) {
        statement('assignment', { assignment: { ...targetVar, targets }, targets });
        return null;
      }
      statement('rule', { targets });
      return targets;
    }
    const codeTrimmed = code.slice(start);
    if (/^export\s+\S+/.test(codeTrimmed) || /^(?:export|override)$/.test(/^\S*/.exec(codeTrimmed)![0])) {
      if (mode !== 'resolve') emit(l, 'directive', codeEnd);
      return ruleTargets;
    }
    statement('text');
    return null;
  };

  for (const l of logicalLines(text)) {
    const t = l.text;
    const trimmed = t.trimStart();
    if (unread !== null && t.startsWith('\t')) {
      ruleTargets = readStatement(unread.l, unread.start, unread.codeEnd, 'resolve');
      unread = null;
    }

    if (define) {
      const word = /^(?:(?:override|export)\s+)*(\S*)/.exec(trimmed)![1];
      if (word === 'endef') {
        if (--define.depth === 0) define = null;
        continue;
      }
      if (word === 'define') define.depth++;
      if (trimmed.startsWith('#')) emit(l, 'comment', 0, { defineName: define.name });
      else {
        const c = shellCommentStart(t);
        emit(l, 'define-body', c < 0 ? t.length : c, { defineName: define.name });
      }
      continue;
    }

    // A tab-indented line after a rule is a recipe line, whatever it looks like (GNU make reads it so).
    if (t.startsWith('\t') && ruleTargets !== null) {
      if (trimmed === '') continue;
      const body = trimmed.replace(/^[@+-]+/, '');
      if (body.startsWith('#')) {
        emit(l, 'comment', 0, { targets: ruleTargets });
        continue;
      }
      const c = shellCommentStart(t, t.length - body.length);
      emit(l, 'recipe', c < 0 ? t.length : c, { targets: ruleTargets });
      continue;
    }

    const hash = makeCommentStart(t);
    const codeEnd = hash < 0 ? t.length : hash;
    const code = t.slice(0, codeEnd);
    if (code.trim() === '') {
      if (hash >= 0) emit(l, 'comment', 0);
      continue;
    }

    const codeTrimmed = code.trimStart();
    const word = /^\S*/.exec(codeTrimmed)![0];
    const rest = codeTrimmed.slice(word.length);
    if (CONDITIONALS.has(word) && (rest === '' || /^[\s("']/.test(rest))) {
      const test = parseTest(word, rest, l.line);
      if (typeof test === 'string') {
        problem('make/malformed-conditional', test, l.line);
        // Keep the nesting right: an unreadable test still opens a block that `endif` closes.
        stack.push({ branches: [], current: [], sawElse: false, line: l.line, text: `${word}${rest}`.trim() });
      } else {
        stack.push({ branches: [test], current: [test], sawElse: false, line: l.line, text: test.text });
      }
      refresh();
      emit(l, 'directive', codeEnd);
      continue;
    }
    if (word === 'else' && (rest === '' || /^\s/.test(rest))) {
      const frame = stack.at(-1);
      if (!frame) {
        problem('make/else-without-if', '`else` without a matching `ifdef`/`ifeq`: expected it inside a conditional', l.line);
        continue;
      }
      if (frame.sawElse) {
        problem('make/extra-else', `a second \`else\` for \`${frame.text}\` (line ${frame.line}): expected \`endif\``, l.line);
      }
      const negatedPrior = frame.branches.map(negateTest);
      const inner = rest.trim();
      if (inner === '') {
        frame.sawElse = true;
        frame.current = negatedPrior;
      } else {
        const w = /^\S+/.exec(inner)![0];
        const test = CONDITIONALS.has(w) ? parseTest(w, inner.slice(w.length), l.line) : `malformed \`else ${inner}\`: expected \`else\` or \`else ifeq/ifneq/ifdef/ifndef ...\``;
        if (typeof test === 'string') {
          problem('make/malformed-conditional', test, l.line);
          frame.current = negatedPrior;
        } else {
          frame.branches.push(test);
          frame.current = [...negatedPrior, test];
        }
      }
      refresh();
      emit(l, 'directive', codeEnd);
      continue;
    }
    if (word === 'endif') {
      if (!stack.pop()) {
        problem('make/endif-without-if', '`endif` without a matching `ifdef`/`ifeq`: expected a conditional to close', l.line);
      }
      refresh();
      emit(l, 'directive', codeEnd);
      continue;
    }
    const defineMatch = codeTrimmed.includes('define') ? /^(?:(?:override|export|private)\s+)*define(?:\s+(\S+)|\s*$)/.exec(codeTrimmed) : null;
    if (defineMatch) {
      // The body of a define is kept verbatim, comments and all, so read the raw line again.
      define = { name: defineMatch[1] ?? '', depth: 1, line: l.line };
      ruleTargets = null;
      unread = null;
      emit(l, 'directive', codeEnd);
      continue;
    }
    if (word === 'endef') {
      problem('make/endef-without-define', '`endef` without a matching `define`', l.line);
      continue;
    }
    if (/^-?include$|^sinclude$|^vpath$|^unexport$|^undefine$/.test(word)) {
      emit(l, 'directive', codeEnd);
      continue;
    }

    const start = code.length - codeTrimmed.length;
    // A line not kept is only checked for unclosed references, its kind left until a recipe line asks for it; but
    // one starting with `export`/`override` may be a directive, which leaves the rule in force: it is read now.
    const kept = keep === undefined || keep(t);
    if (!kept && word !== 'export' && word !== 'override') {
      checkReferences(l, codeEnd);
      ruleTargets = null;
      unread = { l, start, codeEnd };
      continue;
    }
    unread = null;
    ruleTargets = readStatement(l, start, codeEnd, kept ? 'emit' : 'check');
  }

  if (define) {
    problem('make/unterminated-define', `unterminated \`define ${define.name}\`: expected \`endef\` before the end of the file`, define.line);
  }
  for (const f of stack) {
    problem('make/unterminated-conditional', `unterminated conditional \`${f.text}\`: expected \`endif\` before the end of the file`, f.line);
  }
  return { lines, diagnostics };
}

/** Read a shell script into logical lines (continuations joined, comments cut); no conditionals are tracked. */
export function parseShellScript(text: string): MakeDocument {
  const lines: MakeLine[] = [];
  for (const l of logicalLines(text)) {
    const trimmed = l.text.trimStart();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      lines.push({ kind: 'comment', text: l.text, codeEnd: 0, line: l.line, segments: l.segments, conditions: [] });
      continue;
    }
    const c = shellCommentStart(l.text);
    lines.push({ kind: 'text', text: l.text, codeEnd: c < 0 ? l.text.length : c, line: l.line, segments: l.segments, conditions: [] });
  }
  return { lines, diagnostics: [] };
}
