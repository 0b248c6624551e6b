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
  // Called for every file of the tree (~90k in a kernel): no slice for the common one-letter extensions (.c, .h,
  // .S, .o) unless one is wanted, and prefixes tried only for names that begin with one of their first letters.
  const oneLetter = [...extensions].some((e) => e.length === 1);
  const prefixStarts = new Set(prefixes.map((p) => p.charCodeAt(0)));
  const name = (n: string): boolean => {
    if (names.has(n)) return true;
    const dot = n.lastIndexOf('.');
    if (dot >= 0 && (oneLetter || dot !== n.length - 2) && extensions.has(n.slice(dot + 1))) return true;
    if (prefixStarts.has(n.charCodeAt(0))) for (const p of prefixes) if (n.startsWith(p)) return true;
    return false;
  };
  const dir = (path: string, n: string): boolean => dirNames.has(n) || dirPaths.has(path);
  // For whole paths: `scripts/...` or `.github/workflows/...` at the root, `.../scripts/...` below it.
  const dirPrefixes = [...dirNames, ...dirPaths].map((d) => `${d}/`);
  const dirInfixes = [...dirNames].map((d) => `/${d}/`);
  return {
    name,
    dir,
    path(path: string): boolean {
      const slash = path.lastIndexOf('/');
      if (name(slash < 0 ? path : path.slice(slash + 1))) return true;
      if (slash < 0) return false;
      // A whole-directory interest: one of the path's directories has a wanted name, or the path is below a
      // wanted directory. Searched for directly, not by cutting the path at every slash (git lists ~90k paths).
      for (const d of dirPrefixes) if (path.startsWith(d)) return true;
      for (const d of dirInfixes) if (path.includes(d)) return true;
      return false;
    },
    selective: true,
  };
}
