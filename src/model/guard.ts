/**
 * A guard is one condition an occurrence sits under. All guards of an occurrence must hold for it to be active.
 * Kept structured (not only as text) so that `report --config` and `--rustc` can evaluate them later.
 */
export type Guard =
  /** A Kconfig symbol: `ifdef CONFIG_X`, `ifeq ($(CONFIG_X),y)`, `rustflags-$(CONFIG_X)`, `cfg(CONFIG_X)`. */
  | { type: 'config'; symbol: string; negated: boolean; value?: string; text: string }
  /** A rustc version bound: `$(call rustc-min-version,109300)` (op `>=`), its else branch (op `<`). */
  | { type: 'rustc-version'; op: '>=' | '<'; version: string; text: string }
  /** A Rust `cfg` predicate that is not a plain Kconfig symbol, e.g. `test`, `not(no_global_oom_handling)`. */
  | { type: 'cfg'; predicate: string; text: string }
  /** Architecture from a make conditional such as `ifeq ($(ARCH),x86)` or `ifdef CONFIG_X86_64`. */
  | { type: 'arch'; arch: string; negated: boolean; text: string }
  /** A make conditional we keep as written but do not interpret. */
  | { type: 'make'; negated: boolean; text: string };

/** The readable condition string of an occurrence: its guards joined with `&&`, or null when unconditional. */
export function conditionText(guards: readonly Guard[]): string | null {
  return guards.length === 0 ? null : guards.map((g) => g.text).join(' && ');
}
