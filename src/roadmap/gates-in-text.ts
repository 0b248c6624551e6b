/**
 * Gate names in roadmap text: `feature(x)`, `-Zfoo` (with an optional `=value`), and a backticked name that the
 * registry knows. Runs on small extracted strings (titles, notes), never on Rust source.
 */
import type { GateRef } from '../model/roadmap.js';

/** Names found in one string; `isKnown` decides whether a bare backticked name is a gate. */
export function collectGatesInText(text: string, isKnown: (name: string) => boolean = () => false): GateRef[] {
  const out = new Map<string, GateRef>();
  const add = (name: string, kind: GateRef['kind']) => {
    if (!out.has(name)) out.set(name, { name, kind, from: 'text' });
  };
  for (const m of text.matchAll(/\bfeature\(\s*([a-z_][a-z0-9_]*)\s*\)/g)) add(m[1]!, 'feature');
  for (const m of text.matchAll(/(?:^|[\s`(])-Z([a-z][a-z0-9_-]*[a-z0-9])/g)) add(`-Z${m[1]!.replace(/_/g, '-')}`, 'flag');
  for (const m of text.matchAll(/`([a-z_][a-z0-9_]*)`/g)) if (m[1]!.includes('_') && isKnown(m[1]!)) add(m[1]!, 'feature');
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
  const z = /^-Z\s?([a-z][a-z0-9-]*)(?:=.*)?$/.exec(t);
  if (z) return { name: `-Z${z[1]}`, kind: 'flag', from: 'field' };
  if (/^[a-z_][a-z0-9_]*$/.test(t)) return { name: t, kind: 'feature', from: 'field' };
  return null;
}

/** Merge gate lists, first occurrence wins (fields before text). */
export function mergeGates(...lists: GateRef[][]): GateRef[] {
  const seen = new Map<string, GateRef>();
  for (const l of lists) for (const g of l) if (!seen.has(g.name)) seen.set(g.name, g);
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
