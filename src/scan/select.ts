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
  // Called for every file of the tree (~90k in a kernel), on a name or on the name at the end of a path (from
  // `start`): no string is cut unless its length can match (one-letter extensions such as .c and .h never can,
  // unless one is wanted), and prefixes are tried only on names that begin with one of their first letters.
  const nameLengths = new Set([...names].map((n) => n.length));
  const extensionLengths = new Set([...extensions].map((e) => e.length));
  const prefixStarts = new Set(prefixes.map((p) => p.charCodeAt(0)));
  const nameAt = (s: string, start: number): boolean => {
    if (nameLengths.has(s.length - start) && names.has(start === 0 ? s : s.slice(start))) return true;
    const dot = s.lastIndexOf('.');
    if (dot >= start && extensionLengths.has(s.length - dot - 1) && extensions.has(s.slice(dot + 1))) return true;
    if (prefixStarts.has(s.charCodeAt(start))) for (const p of prefixes) if (s.startsWith(p, start)) return true;
    return false;
  };
  const name = (n: string): boolean => nameAt(n, 0);
  const dir = (path: string, n: string): boolean => dirNames.has(n) || dirPaths.has(path);
  // For whole paths, one native search: `scripts/...` or `.github/workflows/...` at the root, `.../scripts/...`
  // below it.
  const escape = (d: string) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const atRoot = [...dirNames, ...dirPaths].map(escape);
  const below = [...dirNames].map(escape);
  const dirPattern = atRoot.length === 0 ? null : new RegExp(`^(?:${atRoot.join('|')})/${below.length > 0 ? `|/(?:${below.join('|')})/` : ''}`);
  const keepsPath = (path: string): boolean => {
    const slash = path.lastIndexOf('/');
    if (nameAt(path, slash + 1)) return true;
    if (slash < 0) return false;
    // A whole-directory interest: one of the path's directories has a wanted name, or the path is below a wanted
    // directory. Searched for directly, not by cutting the path at every slash.
    return dirPattern !== null && dirPattern.test(path);
  };
  return {
    name,
    dir,
    path: keepsPath,
    selective: true,
  };
}
