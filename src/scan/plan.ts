/**
 * The plan of a scan: which sources want which of the files the walk kept. Only planned files are ever read. The
 * plan depends on the listing alone (and the code), so the scan cache keeps it beside an unchanged walk.
 */
import type { ScanContext, ScanSource } from '../sources/types.js';

export type Plan = { path: string; sources: ScanSource[] }[];

/**
 * File kinds no source reads (C, headers, assembly, device trees, documentation, objects): ~80% of a kernel tree's
 * 90k files, skipped before asking every source. A source that ever needs one of them removes it here.
 */
const NEVER_READ = new Set(['c', 'h', 'S', 's', 'dts', 'dtsi', 'rst', 'txt', 'o', 'a', 'ko', 'png', 'svg', 'json']);

/** Which sources want which of the kept files. */
export function makePlan(files: readonly string[], sources: readonly ScanSource[], ctx: ScanContext): Plan {
  const plan: Plan = [];
  for (const path of files) {
    const dot = path.lastIndexOf('.');
    if (dot > path.lastIndexOf('/') && NEVER_READ.has(path.slice(dot + 1))) continue;
    // No array per file: a kernel tree has ~90k files and ~4k of them are wanted.
    let wanting: ScanSource[] | undefined;
    for (const s of sources) if (s.wants(path, ctx)) (wanting ??= []).push(s);
    if (wanting) plan.push({ path, sources: wanting });
  }
  return plan;
}

/** A plan as lines aligned with the kept files: the names of the sources that want each (empty: none). */
export function encodePlan(plan: Plan, files: readonly string[]): string {
  const wanting = new Map(plan.map((p) => [p.path, p.sources.map((s) => s.name).join(',')]));
  return files.map((f) => wanting.get(f) ?? '').join('\n');
}

/** The inverse of `encodePlan`; undefined when it does not fit `files` or names a source not in `sources`. */
export function decodePlan(text: string, files: readonly string[], sources: readonly ScanSource[]): Plan | undefined {
  const lines = files.length === 0 ? [] : text.split('\n');
  if (lines.length !== files.length) return undefined;
  const byName = new Map(sources.map((s) => [s.name, s]));
  // Most files share one of a handful of source lists: make each list once.
  const lists = new Map<string, ScanSource[] | undefined>();
  const plan: Plan = [];
  for (let i = 0; i < lines.length; i++) {
    const names = lines[i]!;
    if (names === '') continue;
    let list = lists.get(names);
    if (!lists.has(names)) {
      const found = names.split(',').map((n) => byName.get(n));
      list = found.every((s) => s !== undefined) ? (found as ScanSource[]) : undefined;
      lists.set(names, list);
    }
    if (list === undefined) return undefined;
    plan.push({ path: files[i]!, sources: list });
  }
  return plan;
}
