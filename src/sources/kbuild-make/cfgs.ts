/**
 * `--cfg` arguments that make rules pass to one crate (https://doc.rust-lang.org/rustc/command-line-arguments.html#--cfg-configure-the-compilation-environment).
 * The kernel's rust/Makefile names them in a variable and gives the variable to a crate's rule:
 *
 *     alloc-cfgs = \
 *         --cfg no_global_oom_handling \
 *         ...
 *     $(obj)/alloc.o: private rustc_target_flags = $(alloc-cfgs)
 *
 * A rule's own `--cfg` is a fact at once; one it takes from a variable is resolved in `finalize`, against the
 * variable's definitions (the same file's first, as make would see them).
 */
import { conditionText, type Guard } from '../../model/guard.js';
import type { CrateCfg } from '../../model/scan.js';
import type { MakeReference } from '../../make/references.js';

/** One `--cfg name` or `--cfg name="value"`, with the offset of its name in the text searched. */
export interface CfgArgument {
  name: string;
  value: string | null;
  at: number;
}

/**
 * `--cfg` arguments in `text[from, to)`: `--cfg x`, `--cfg=x`, `--cfg 'x="v"'`, `--cfg x=\"v\"`. Not `--cfgs=`
 * (rust-analyzer's), and not a longer option that starts the same.
 */
export function parseCfgArguments(text: string, from: number, to: number): CfgArgument[] {
  const out: CfgArgument[] = [];
  // Each `--cfg` of the range is found by indexOf and matched where it stands (a sticky expression): a search from
  // `from` would run on past `to` to the next match in the file, for every line of it.
  const re = /(?<![\w-])--cfg(?:[ \t]+|=)(['"]?)([A-Za-z_][A-Za-z0-9_]*)(?:=\\?"((?:[^"\\]|\\[^"])*)\\?")?/y;
  for (let k = text.indexOf('--cfg', from); k >= 0 && k < to; k = text.indexOf('--cfg', k + 1)) {
    re.lastIndex = k;
    const m = re.exec(text);
    if (m !== null) out.push({ name: m[2]!, value: m[3] ?? null, at: k + m[0].indexOf(m[2]!, '--cfg'.length) });
  }
  return out;
}

/**
 * The definitions of make variable `name` that a reference in `file` sees: those in the same file when it has
 * any (make reads the including file's own definitions), else every file's.
 */
export function definitionsSeen<T extends { name: string; file: string }>(definitions: readonly T[], name: string, file: string): T[] {
  const all = definitions.filter((d) => d.name === name);
  const local = all.filter((d) => d.file === file);
  return local.length > 0 ? local : all;
}

/** A variable whose value holds `--cfg` arguments, kept for `finalize`. */
export interface CfgListDefinition {
  /** The variable's name. */
  name: string;
  file: string;
  /** Each cfg with its line and the guards it sits under (the definition's, and any inline `$(if ...)`). */
  cfgs: { name: string; value: string | null; line: number; guards: Guard[] }[];
}

/** A rule that gives a crate the `--cfg`s of `$(variable)`, waiting for the variable's definitions. */
export interface CfgListReference {
  variable: string;
  crate: string;
  target: string;
  file: string;
  guards: Guard[];
}

/** The plain variables (`$(alloc-cfgs)`, not functions) a rule's value names, with the offset of each `$`. */
export function referencedVariables(refs: readonly MakeReference[], from: number): { variable: string; at: number }[] {
  return refs.filter((r) => !r.isFunction && r.start >= from && /^[A-Za-z0-9_.-]+$/.test(r.name)).map((r) => ({ variable: r.name, at: r.start }));
}

/** `a` followed by the guards of `b` that `a` lacks (both usually sit under the same conditionals). */
const joinGuards = (a: readonly Guard[], b: readonly Guard[]) => [...a, ...b.filter((g) => !a.some((h) => h.text === g.text))];

/** The crate cfgs that `references` get from `definitions` (a definition in the reference's own file first). */
export function resolveCfgLists(definitions: readonly CfgListDefinition[], references: readonly CfgListReference[]): CrateCfg[] {
  const out: CrateCfg[] = [];
  for (const r of references) {
    for (const d of definitionsSeen(definitions, r.variable, r.file)) {
      for (const c of d.cfgs) {
        const guards = joinGuards(r.guards, c.guards);
        out.push({ crate: r.crate, target: r.target, name: c.name, value: c.value, file: d.file, line: c.line, condition: conditionText(guards), guards });
      }
    }
  }
  return out;
}
