/**
 * Gate names in roadmap text: `feature(x)`, `-Zfoo` (with an optional `=value`), and a backticked name that the
 * registry knows. Runs on small extracted strings (titles, notes), never on Rust source.
 */
import { isValueGate } from '../model/flag-values.js';
import type { GateRef } from '../model/roadmap.js';

/** The key under which a gate is one: its name, and the value of a flag that is one gate per value. */
const refKey = (g: GateRef) => `${g.tool ?? ''}:${g.value !== undefined ? `${g.name}=${g.value}` : g.name}`;

/** Cargo's own `-Z` flags a roadmap names (they are gates of cargo, not of rustc). */
const CARGO_FLAGS: ReadonlySet<string> = new Set(['-Zbuild-std', '-Zbuild-std-features']);

/** Rustdoc's unstable options goal documents name: `--extract-doctests`, `--output-format=doctest`. */
const RUSTDOC_OPTION = /(?:^|[\s`(])(--extract-doctests|--output-format=doctest)\b/g;

/** A flag's reference, keeping its value when the value selects a distinct feature (`-Zsanitizer=kcfi`). */
function flagRef(name: string, value: string | undefined, from: GateRef['from']): GateRef {
  const flag = `-Z${name.replace(/_/g, '-')}`;
  return { name: flag, kind: 'flag', from, ...(value && isValueGate(flag) ? { value } : {}), ...(CARGO_FLAGS.has(flag) ? { tool: 'cargo' as const } : {}) };
}

/** A rustdoc option's reference: `--output-format=doctest` keeps its value, which is what is unstable. */
function rustdocRef(written: string, from: GateRef['from']): GateRef {
  const [name, value] = written.split('=');
  return { name: name!, kind: 'flag', tool: 'rustdoc', from, ...(value ? { value } : {}) };
}

/** How a roadmap writes a gate back: `-Zsanitizer=kcfi`, `cargo -Zbuild-std`, `rustdoc --extract-doctests`. */
export const renderGateRef = (g: Pick<GateRef, 'name' | 'value' | 'tool'>) => `${g.tool ? `${g.tool} ` : ''}${g.value !== undefined ? `${g.name}=${g.value}` : g.name}`;

/** Names found in one string; `isKnown` decides whether a bare backticked name is a gate. */
export function collectGatesInText(text: string, isKnown: (name: string) => boolean = () => false): GateRef[] {
  const out = new Map<string, GateRef>();
  const put = (g: GateRef) => {
    if (!out.has(refKey(g))) out.set(refKey(g), g);
  };
  for (const m of text.matchAll(/\bfeature\(\s*([a-z_][a-z0-9_]*)\s*\)/g)) put({ name: m[1]!, kind: 'feature', from: 'text' });
  for (const m of text.matchAll(/(?:^|[\s`(])-Z([a-z][a-z0-9_-]*[a-z0-9])(?:=([a-z0-9][a-z0-9_-]*))?/g)) put(flagRef(m[1]!, m[2], 'text'));
  for (const m of text.matchAll(RUSTDOC_OPTION)) put(rustdocRef(m[1]!, 'text'));
  for (const m of text.matchAll(/`([a-z_][a-z0-9_]*)`/g)) if (m[1]!.includes('_') && isKnown(m[1]!)) put({ name: m[1]!, kind: 'feature', from: 'text' });
  return [...out.values()];
}

/** Backticked identifiers that could be feature names (`unsafe_pinned`), for linking once a registry is known. */
export function collectMentions(text: string): string[] {
  return [...new Set([...text.matchAll(/`([a-z_][a-z0-9_]*)`/g)].map((m) => m[1]!).filter((n) => n.includes('_')))];
}

/** Normalise a gate as written in a gates field: `feature(x)` -> `x`, `-Z foo=bar` -> `-Zfoo`. */
export function parseGateField(text: string): GateRef | null {
  const t = text.trim();
  const f = /^feature\(\s*([a-z_][a-z0-9_]*)\s*\)$/.exec(t);
  if (f) return { name: f[1]!, kind: 'feature', from: 'field' };
  const z = /^(?:cargo\s+)?-Z\s?([a-z][a-z0-9_-]*)(?:=(.*))?$/.exec(t);
  if (z) return flagRef(z[1]!, z[2]?.trim() || undefined, 'field');
  const r = /^(?:rustdoc\s+)?(--extract-doctests|--output-format=doctest)$/.exec(t);
  if (r) return rustdocRef(r[1]!, 'field');
  if (/^[a-z_][a-z0-9_]*$/.test(t)) return { name: t, kind: 'feature', from: 'field' };
  return null;
}

/** Merge gate lists, first occurrence wins (fields before text). */
export function mergeGates(...lists: GateRef[][]): GateRef[] {
  const seen = new Map<string, GateRef>();
  for (const l of lists) for (const g of l) if (!seen.has(refKey(g))) seen.set(refKey(g), g);
  return [...seen.values()];
}

/** A stable id from a title: lower-case words joined with `-`. */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
