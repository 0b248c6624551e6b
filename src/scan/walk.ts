/**
 * The walk of a plain directory: one readdir per directory with file types, no stat per file (symbolic links
 * aside), and a path built only for files the selector keeps.
 *
 * With a cache, every directory is stamped (size, mtime, ctime, inode) before it is read: adding, removing or
 * renaming an entry changes a directory's stamp, editing a file in it does not (files have stamps of their own).
 * The next walk then needs one stat per directory, not a readdir (git's untracked cache works the same way):
 * - when every directory's stamp and every symbolic link is as before, the last walk is this walk (the fast path:
 *   a stat per directory and nothing else);
 * - otherwise directories whose stamp is unchanged give their cached listing, the others are read again.
 */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { GatewatchError } from '../core/errors.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { listDirectory, nonUtf8Name, type Entry } from './raw-names.js';
import type { FileSelector } from './select.js';

/** What one directory held when it was read. */
interface CachedDir {
  /** The directory's stamp when it was read. */
  stamp: string;
  /** Names of the files the selector kept, in readdir order. */
  files: string[];
  /** How many files it holds, kept or not. */
  fileCount: number;
  /** Names of its subdirectories (VCS and package caches left out), in readdir order. */
  dirs: string[];
  /** Names of its symbolic links: looked at again on every walk. */
  links: string[];
}

/** A walk, kept for the next one: texts, not objects, so that reading it back costs a few splits. */
export interface WalkCache {
  /** Every directory walked, in order, as `path<TAB>stamp` lines; empty when one had no stamp (no fast path then). */
  order: string;
  /** Every symbolic link met, as `path<TAB>kind` lines (kind: file, dir, loop, none). */
  links: string;
  /** The kept files, one per line, in walk order. */
  files: string;
  fileCount: number;
  /** What the walk reported (symbolic link loops). */
  diagnostics: Diagnostic[];
  /**
   * Each directory's listing by relative path, as JSON, needed only when some directory changed: the text, or a
   * function that reads it (the scan cache keeps it in a file of its own, read only then).
   */
  listings: string | (() => string | undefined);
  /** The directories the walk left out (`skipDirs`), one per line, sorted: another set walks other directories. */
  skipped?: string;
}

export interface WalkResult {
  files: string[];
  fileCount: number;
  diagnostics: Diagnostic[];
  /** The walk to give next time (when asked to keep one). */
  cache?: WalkCache;
  /** True when the walk given was this walk: no directory and no link changed. */
  unchanged?: boolean;
  /** Absolute paths in bytes of the entries whose path is not UTF-8, by the name they are given (src/scan/raw-names.ts). */
  raw?: Map<string, Buffer>;
}

export interface WalkOptions {
  followSymlinks: boolean;
  select: FileSelector | undefined;
  /** Stamp directories and give a `cache` back; `previous` is the last walk's, if any. */
  cache?: {
    previous?: WalkCache;
    /**
     * Keep each directory's listing (default true). Without them the kept walk still tells an unchanged tree at the
     * cost of a stat per directory, but the walk after a change reads every directory again.
     */
    listings?: boolean;
  };
  /** Changes at or after this time (ms since the epoch) are too recent to trust: such a directory gets no stamp. */
  trustBeforeMs: number;
  /** Directories (relative paths) not descended into: those git ignores, in a work tree whose listing git makes. */
  skipDirs?: ReadonlySet<string>;
}

/** Directory names never descended into: VCS metadata and package caches, never kernel or crate sources. */
const SKIP_DIR_NAMES = ['.git', '.hg', '.svn', 'node_modules'];
const SKIP_DIRS = new Set(SKIP_DIR_NAMES);

/**
 * A stamp from a stat: size, mtime and ctime (whole ms) and inode; null when the entry changed too recently to be
 * trusted. Whole milliseconds are enough because of that rule: a stamp is kept only when both times are 2 s older
 * than the scan, and any later change sets the ctime (which no one can set back) to a later time, so a change is
 * never hidden by rounding. Integers also print far faster than fractional doubles, ~10k times per scan.
 */
export function stampOf(st: Stats, trustBeforeMs: number): string | null {
  if (st.mtimeMs >= trustBeforeMs || st.ctimeMs >= trustBeforeMs) return null;
  return `${st.size}:${Math.trunc(st.mtimeMs)}:${Math.trunc(st.ctimeMs)}:${st.ino}`;
}

/**
 * The stat of a path, or undefined when it has none to give: gone, a link loop, below a file, closed. For a stamp
 * that is a change (the entry is read again, and the read or the walk says why), never a reason to stop.
 */
export function statQuietly(path: string | Buffer): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * How the scan names `root` to the system: relative to the working directory when it lies below it, else as given.
 * Each component of a path is a lookup in the kernel, and a scan of a kernel tree names ~10k paths (most of a warm
 * scan is their stats): a relative name spares every call the lookups of the working directory's own components.
 */
export function systemRoot(root: string): string {
  let rel: string;
  try {
    rel = relative(process.cwd(), root);
  } catch {
    // No working directory any more: the path as given still names the tree.
    return root;
  }
  if (rel === '') return '.';
  return rel === '..' || rel.startsWith('../') || isAbsolute(rel) ? root : rel;
}

/** The path of `rel` (relative to the tree, '' for the tree itself) below `root` as `systemRoot` gives it. */
export function under(root: string, rel: string): string {
  return rel === '' ? root : root === '.' ? rel : `${root}/${rel}`;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** True when `v` has the shape of a `CachedDir`. */
function isCachedDir(v: unknown): v is CachedDir {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  return typeof d.stamp === 'string' && typeof d.fileCount === 'number' && isStrings(d.files) && isStrings(d.dirs) && isStrings(d.links);
}

/** Names that cannot go into the line-based cache texts. */
const unsafeName = (s: string) => s.includes('\n') || s.includes('\t');

/** True when `path` is `dir` or below it (both real, absolute paths). */
function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

/** The real path of `path`, or undefined when it changed meanwhile. */
function realPathOf(path: string | Buffer): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** What a symbolic link is now: a file, a directory, a loop, or nothing readable. */
function linkKind(path: string | Buffer): 'file' | 'dir' | 'loop' | 'none' {
  try {
    const st = statSync(path);
    return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'none';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'loop' : 'none';
  }
}

/**
 * True when every directory and link of the previous walk is as it was: then that walk is this one.
 */
function unchangedSince(root: string, previous: WalkCache, options: WalkOptions): boolean {
  if (previous.order === '') return false;
  // Followed directory links are walked by their real path; keep that logic in one place (the full walk).
  if (options.followSymlinks && previous.links !== '') return false;
  // Read in place, line by line (`path<TAB>stamp`): a kernel tree has ~6k directories, and this runs on every scan.
  const order = previous.order;
  for (let start = 0; start < order.length; ) {
    const tab = order.indexOf('\t', start);
    if (tab < 0) return false;
    const nl = order.indexOf('\n', tab);
    const end = nl < 0 ? order.length : nl;
    const rel = order.slice(start, tab);
    // A directory that cannot be stat'ed any more is a change: the full walk says why.
    const st = statQuietly(under(root, rel));
    const stamp = st === undefined ? null : stampOf(st, options.trustBeforeMs);
    if (stamp === null || stamp.length !== end - tab - 1 || !order.startsWith(stamp, tab + 1)) return false;
    start = end + 1;
  }
  if (previous.links !== '') {
    for (const line of previous.links.split('\n')) {
      const tab = line.indexOf('\t');
      if (linkKind(under(root, line.slice(0, tab))) !== line.slice(tab + 1)) return false;
    }
  }
  return true;
}

/** Walk `root`; with `options.cache`, reuse what is unchanged since the previous walk. Throws when `root` cannot be listed. */
export function walkDirectory(root: string, options: WalkOptions): WalkResult {
  const previous = options.cache?.previous;
  const skipped = [...(options.skipDirs ?? [])].sort().join('\n');
  if (previous !== undefined && (previous.skipped ?? '') === skipped && unchangedSince(root, previous, options)) {
    // Split when asked for: a git work tree's scan takes its files from git, and wants only the walk's verdict.
    let files: string[] | undefined;
    return {
      get files() {
        return (files ??= previous.files === '' ? [] : previous.files.split('\n'));
      },
      fileCount: previous.fileCount,
      diagnostics: previous.diagnostics,
      cache: previous,
      unchanged: true,
    };
  }
  const { followSymlinks, select, trustBeforeMs } = options;
  const record = options.cache !== undefined;
  const keepListings = record && options.cache!.listings !== false;
  let listings: Record<string, CachedDir> = {};
  if (previous !== undefined) {
    try {
      const text = typeof previous.listings === 'string' ? previous.listings : previous.listings();
      const parsed: unknown = text !== undefined ? JSON.parse(text) : undefined;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) listings = parsed as Record<string, CachedDir>;
    } catch {
      // A damaged cache: every directory is read.
    }
  }
  const files: string[] = [];
  let fileCount = 0;
  const diagnostics: Diagnostic[] = [];
  const nextListings: Record<string, CachedDir> = {};
  const order: string[] = [];
  const links: string[] = [];
  // Entries whose path is not UTF-8: they are read through their bytes, and their directories are never kept.
  const raw = new Map<string, Buffer>();
  let complete = true;
  // Followed links: the real paths of directories walked through a link (outside the tree), and of the root.
  const visited = new Set<string>();
  const realRoot = followSymlinks ? realpathSync(root) : '';
  const selective = select?.selective === true;
  /** Keep the bytes of a path that is not UTF-8; a file to read is also said. */
  const keepRaw = (path: string, bytes: Buffer, file: boolean) => {
    raw.set(path, bytes);
    if (file) diagnostics.push(nonUtf8Name(path));
  };
  // Parallel stacks: a directory's relative path, whether every file below it is kept, and its real path (when
  // following links: the place a loop is told by).
  const stack: string[] = [''];
  const keepAll: boolean[] = [!selective];
  const reals: string[] = [realRoot];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    const all = keepAll.pop()!;
    const realDir = reals.pop()!;
    // Plain concatenation: path.join's normalisation costs more than the readdir on a 90k-file tree.
    const abs = under(root, rel);
    const prefix = rel === '' ? '' : `${rel}/`;
    // Stat before readdir: a change between the two leaves a listing newer than its stamp, read again next time.
    let stamp: string | null = null;
    if (record) {
      const st = statQuietly(abs);
      stamp = st ? stampOf(st, trustBeforeMs) : null;
      if (stamp === null || unsafeName(rel)) complete = false;
      else order.push(`${rel}\t${stamp}`);
    }
    const rawDir = raw.get(rel);
    let listing: CachedDir | undefined = stamp !== null && rawDir === undefined && Object.hasOwn(listings, rel) ? listings[rel] : undefined;
    // Kept listings come from disk: one of the wrong shape is no listing (the directory is read).
    if (listing !== undefined && !isCachedDir(listing)) listing = undefined;
    // A listing kept only selected names; a directory now kept whole needs all of them.
    if (listing !== undefined && (listing.stamp !== stamp || (all && listing.fileCount !== listing.files.length))) listing = undefined;
    // Names in bytes of this directory's entries that are not UTF-8 (all of them when its own path is not).
    let odd: Map<string, Buffer> | null = null;
    if (listing === undefined) {
      let entries: Entry[];
      try {
        ({ entries, raw: odd } = listDirectory(abs, rawDir));
      } catch (e) {
        // The tree itself unreadable: nothing can be scanned, which the caller says in one line.
        if (rel === '') throw e;
        diagnostics.push(diagnostic('scan/unreadable-directory', 'error', `could not read directory: ${(e as Error).message}`, { file: rel || '.' }));
        complete = false;
        continue;
      }
      listing = { stamp: stamp ?? '', files: [], fileCount: 0, dirs: [], links: [] };
      for (const ent of entries) {
        const name = ent.name;
        if (ent.isDirectory()) {
          if (!SKIP_DIRS.has(name)) listing.dirs.push(name);
        } else if (ent.isFile()) {
          listing.fileCount++;
          if (all || select!.name(name)) listing.files.push(name);
        } else if (ent.isSymbolicLink()) {
          listing.links.push(name);
        }
      }
    }
    if (odd !== null || rawDir !== undefined) complete = false;
    else if (stamp !== null && keepListings) nextListings[rel] = listing;
    fileCount += listing.fileCount;
    for (const name of listing.files) {
      if (record && unsafeName(name)) complete = false;
      files.push(prefix + name);
      if (odd?.has(name)) keepRaw(prefix + name, odd.get(name)!, true);
    }
    for (let k = 0; k < listing.dirs.length; k++) {
      const name = listing.dirs[k]!;
      const path = prefix + name;
      if (options.skipDirs?.has(path)) continue;
      if (odd?.has(name)) keepRaw(path, odd.get(name)!, false);
      stack.push(path);
      keepAll.push(all || select!.dir(path, name));
      reals.push(followSymlinks ? `${realDir}/${name}` : '');
    }
    for (const name of listing.links) {
      const path = prefix + name;
      const at = odd?.get(name) ?? under(root, path);
      const kind = linkKind(at);
      if (record) {
        if (unsafeName(path)) complete = false;
        links.push(`${path}\t${kind}`);
      }
      if (kind === 'loop') {
        diagnostics.push(diagnostic('scan/symlink-loop', 'warning', 'symbolic link loop: the link resolves to itself', { file: path }));
      } else if (kind === 'file') {
        // A dangling link ('none') is normal in a source tree (e.g. generated targets); nothing to read.
        fileCount++;
        if (all || select!.name(name)) {
          files.push(path);
          if (typeof at !== 'string') keepRaw(path, at, true);
        }
      } else if (kind === 'dir' && followSymlinks) {
        const real = realPathOf(at);
        if (real === undefined) continue;
        // Told before anything below the link is walked: a link to a directory that holds it is a loop, and one
        // to a directory of the tree (or one already walked through another link) would only repeat its files.
        if (isWithin(realDir, real)) {
          diagnostics.push(diagnostic('scan/symlink-loop', 'warning', `symbolic link to ${real === realRoot ? 'the tree root' : 'a directory that holds it'} (a loop); not followed`, { file: path }));
        } else if (isWithin(real, realRoot) || visited.has(real)) {
          diagnostics.push(diagnostic('scan/symlink-duplicate', 'info', 'symbolic link to a directory walked already under another path; not followed again', { file: path }));
        } else {
          visited.add(real);
          if (typeof at !== 'string') keepRaw(path, at, false);
          stack.push(path);
          keepAll.push(all || select!.dir(path, name));
          reals.push(real);
        }
      }
    }
  }
  // Unsorted: the pipeline sorts what it reports.
  const result: WalkResult = { files, fileCount, diagnostics, ...(raw.size > 0 ? { raw } : {}) };
  if (record) {
    result.cache = {
      order: complete ? order.join('\n') : '',
      links: links.join('\n'),
      files: files.join('\n'),
      fileCount,
      diagnostics,
      listings: keepListings ? JSON.stringify(nextListings) : () => undefined,
      ...(skipped !== '' ? { skipped } : {}),
    };
  }
  return result;
}

/** The one-line error for a tree whose top directory cannot be listed (`e`: what reading it threw). */
export function unreadableTree(root: string, e: unknown): GatewatchError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM')
    return new GatewatchError('E_NO_TREE', `cannot read tree ${root}: permission denied`, { hint: 'gatewatch lists the directory: give your user read and search permission on it (chmod u+rx), or scan as a user who has it' });
  return new GatewatchError('E_NO_TREE', `cannot read tree ${root}: ${e instanceof Error ? e.message : String(e)}`, { hint: 'check that the directory can be listed (ls)' });
}
