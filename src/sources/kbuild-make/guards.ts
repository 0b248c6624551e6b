/**
 * Guards of a make line in kernel terms: `ifdef CONFIG_X` and `ifeq ($(CONFIG_X),y)` are Kconfig guards,
 * `ifeq ($(ARCH),x86)` an architecture, `$(call rustc-min-version,109300)` a rustc version bound
 * (scripts/Makefile.compiler), `$(call rustc-option,...)` a probe; anything else is kept as written.
 */
import { versionFromKconfigNumber } from '../../core/rust-version.js';
import type { Guard } from '../../model/guard.js';
import type { MakeTest } from '../../make/parse-makefile.js';
import { argText, enclosingReferences, type MakeReference } from '../../make/references.js';

const CONFIG_REF = /^\$[({](CONFIG_[A-Za-z0-9_]+)[)}]$/;
const ARCH_REF = /^\$[({](?:SRC|SUB)?ARCH[)}]$/;
const MIN_VERSION = /^\$\(call\s+rustc-min-version\s*,\s*(\d+)\s*\)$/;

/** A `rustc >= v` or `rustc < v` guard from a Kconfig-style number, or null when the number is not a version. */
function versionGuard(number: string, below: boolean): Guard | null {
  const version = versionFromKconfigNumber(Number(number));
  if (!version) return null;
  return below ? { type: 'rustc-version', op: '<', version, text: `rustc < ${version}` } : { type: 'rustc-version', op: '>=', version, text: `rustc >= ${version}` };
}

/** Guard of a conditional directive's test. */
export function guardOfTest(t: MakeTest): Guard {
  if (t.kind === 'defined') {
    const v = t.variable!;
    if (v.startsWith('CONFIG_')) return { type: 'config', symbol: v, negated: t.negated, text: t.negated ? `!${v}` : v };
    return { type: 'make', negated: t.negated, text: t.negated ? `!defined(${v})` : `defined(${v})` };
  }
  let left = t.left!;
  let right = t.right!;
  // Put the reference on the left: `ifeq (y,$(CONFIG_X))` reads like `ifeq ($(CONFIG_X),y)`.
  if (!left.startsWith('$') && right.startsWith('$')) [left, right] = [right, left];
  const config = CONFIG_REF.exec(left);
  if (config && !right.includes('$')) {
    const symbol = config[1]!;
    if (right === '') {
      // ifeq ($(CONFIG_X),) holds when X is unset; ifneq ($(CONFIG_X),) when it is set.
      const negated = !t.negated;
      return { type: 'config', symbol, negated, text: negated ? `!${symbol}` : symbol };
    }
    return { type: 'config', symbol, negated: t.negated, value: right, text: `${symbol}${t.negated ? '!=' : '='}${right}` };
  }
  if (ARCH_REF.test(left) && right !== '' && !right.includes('$')) {
    const name = left.slice(2, -1);
    return { type: 'arch', arch: right, negated: t.negated, text: `${name}${t.negated ? '!=' : '='}${right}` };
  }
  const min = MIN_VERSION.exec(left);
  if (min && (right === 'y' || right === '')) {
    const g = versionGuard(min[1]!, (right === 'y') === t.negated);
    if (g) return g;
  }
  const shown = (s: string) => (s === '' ? '""' : s);
  return { type: 'make', negated: t.negated, text: `${shown(left)} ${t.negated ? '!=' : '=='} ${shown(right)}` };
}

/** Guard of an `$(if COND,...)` condition in its then (`inElse` false) or else branch. */
function guardOfIf(cond: string, inElse: boolean): Guard {
  const min = MIN_VERSION.exec(cond);
  if (min) {
    const g = versionGuard(min[1]!, inElse);
    if (g) return g;
  }
  const config = CONFIG_REF.exec(cond);
  if (config) return { type: 'config', symbol: config[1]!, negated: inElse, text: inElse ? `!${config[1]}` : config[1]! };
  return { type: 'make', negated: inElse, text: inElse ? `!${cond}` : cond };
}

/** Functions whose arguments name flags without passing them (messages, filters): a `-Z` there is not a use. */
export function isNonUse(text: string, refs: readonly MakeReference[], offset: number): boolean {
  for (const { ref, arg } of enclosingReferences(refs, offset)) {
    if (!ref.isFunction) continue;
    if (ref.name === 'error' || ref.name === 'warning' || ref.name === 'info') return true;
    if ((ref.name === 'filter-out' || ref.name === 'filter' || ref.name === 'subst' || ref.name === 'patsubst') && arg === 0) return true;
    if (ref.name === 'call' && /^(?:cc|as|ld)-option/.test(argText(text, ref, 0))) return true;
  }
  return false;
}

/** Guards from inline functions around `offset`: `$(if ...)` branches and `$(call rustc-option,...)` probes. */
export function inlineGuards(text: string, refs: readonly MakeReference[], offset: number): Guard[] {
  const guards: Guard[] = [];
  for (const { ref, arg } of enclosingReferences(refs, offset)) {
    if (!ref.isFunction) continue;
    if (ref.name === 'if' && arg >= 1) guards.push(guardOfIf(argText(text, ref, 0), arg === 2));
    if (ref.name === 'call' && arg >= 1) {
      const fn = argText(text, ref, 0);
      if (/^_*rustc-option/.test(fn)) guards.push({ type: 'make', negated: false, text: 'rustc-option' });
    }
  }
  return guards;
}

/** Guards a variable's name carries: `rustflags-$(CONFIG_X)`, `rustc-$(call rustc-min-version,N)`. */
export function guardsOfVariableName(name: string): Guard[] {
  const guards: Guard[] = [];
  for (const m of name.matchAll(/\$[({](CONFIG_[A-Za-z0-9_]+)[)}]/g)) guards.push({ type: 'config', symbol: m[1]!, negated: false, text: m[1]! });
  for (const m of name.matchAll(/\$\(call\s+rustc-min-version\s*,\s*(\d+)\s*\)/g)) {
    const g = versionGuard(m[1]!, false);
    if (g) guards.push(g);
  }
  return guards;
}

/**
 * The top Makefile's own plumbing: the sub-make re-invocation and the mixed/config-target paths. The branches
 * `$(need-sub-make) != 1`, `!defined(mixed-build)` and `!defined(config-build)` are the build itself, the only path
 * on which rustc runs, so they hold whenever a flag can matter and are dropped rather than shown on every flag.
 */
const BUILD_PATH = new Set([
  '$(need-sub-make) != 1',
  // 6.1 and older spell the same branch `ifeq ($(need-sub-make),)`.
  '$(need-sub-make) == ""',
  '!defined(mixed-build)',
  '!defined(config-build)',
]);

/** Whether a guard of the top Makefile is only "this is the build, not a config or sub-make pass". */
export function isBuildPathGuard(g: Guard, file: string): boolean {
  return file === 'Makefile' && g.type === 'make' && BUILD_PATH.has(g.text);
}
