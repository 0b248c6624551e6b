/**
 * Which files of a tree any source may read, decided from a file's name and its directory alone, so that the walk
 * never builds a path for the ~95% of a kernel tree (C, headers, device trees, docs) no source reads. Each source
 * declares its `interest` (src/sources/types.ts); the selector is their union. A source's `wants` still decides
 * on the paths the selector keeps.
 */
import type { FileInterest } from '../sources/types.js';

export interface FileSelector {
  /** True when a file of this name, in a directory not selected as a whole, may be wanted. */
  name(name: string): boolean;
  /** True when every file below the directory `path` (relative, no trailing slash) named `name` may be wanted. */
  dir(path: string, name: string): boolean;
  /** The same decision for a whole relative path (for listings that come from git, not a walk). */
  path(path: string): boolean;
  /** False when some source declared no interest: then every file is kept. */
  selective: boolean;
}

/** The union of the sources' interests; a source without one makes the selector keep every file. */
export function fileSelector(interests: (FileInterest | undefined)[]): FileSelector {
  if (interests.some((i) => i === undefined)) {
    return { name: () => true, dir: () => true, path: () => true, selective: false };
  }
  const extensions = new Set<string>();
  const names = new Set<string>();
  const prefixes: string[] = [];
  const dirNames = new Set<string>();
  const dirPaths = new Set<string>();
  for (const i of interests as FileInterest[]) {
    for (const e of i.extensions ?? []) extensions.add(e);
    for (const n of i.names ?? []) names.add(n);
    prefixes.push(...(i.namePrefixes ?? []));
    for (const d of i.dirNames ?? []) dirNames.add(d);
    for (const d of i.dirPaths ?? []) dirPaths.add(d);
  }
  // Called for every file of the tree (~90k in a kernel): one regular expression for the name, and one for the last
  // name of a path (for listings from git), both made from the interests: one regular expression match per name
  // costs less than set look-ups and cut strings in code that has not been optimised yet, which a scan's code never
  // is for long.
  const escape = (d: string) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = (at: string) =>
    [
      names.size > 0 ? `${at}(?:${[...names].map(escape).join('|')})$` : null,
      prefixes.length > 0 ? `${at}(?:${prefixes.map(escape).join('|')})[^/]*$` : null,
      extensions.size > 0 ? `\\.(?:${[...extensions].map(escape).join('|')})$` : null,
    ].filter((a): a is string => a !== null);
  const matcher = (at: string) => {
    const parts = alternatives(at);
    return parts.length === 0 ? null : new RegExp(parts.join('|'));
  };
  const wantedName = matcher('^');
  const wantedLastName = matcher('(?:^|/)');
  const name = (n: string): boolean => wantedName !== null && wantedName.test(n);
  const dir = (path: string, n: string): boolean => dirNames.has(n) || dirPaths.has(path);
  // Whole-directory interests, searched for directly rather than by cutting the path at every slash: `scripts/...`
  // or `.github/workflows/...` at the root, `.../scripts/...` below it.
  const atRoot = [...dirNames, ...dirPaths].map(escape);
  const below = [...dirNames].map(escape);
  const dirPattern = atRoot.length === 0 ? null : new RegExp(`^(?:${atRoot.join('|')})/${below.length > 0 ? `|/(?:${below.join('|')})/` : ''}`);
  const keepsPath = (path: string): boolean => (wantedLastName !== null && wantedLastName.test(path)) || (dirPattern !== null && dirPattern.test(path));
  return { name, dir, path: keepsPath, selective: true };
}
