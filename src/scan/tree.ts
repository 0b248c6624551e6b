/**
 * Where the files of a tree come from: a plain directory (walked), a git work tree (`git ls-files`), or a git
 * revision (`git ls-tree` + `git cat-file --batch`, no checkout). Every file path is relative, with `/`.
 *
 * A plain directory is walked in full, ignoring `.gitignore`: Debian's kernel tarball ships a top-level
 * `.gitignore` that ignores everything, and a kernel tree has no build output worth skipping before a build.
 * Directory symlinks are not followed (as git and ripgrep do) unless asked; then a loop is a diagnostic.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { GatewatchError } from '../core/errors.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { FileSelector } from './select.js';

/** A file's bytes and its stamp: a text that changes whenever its content may have (null: do not cache it). */
export interface FileRead {
  bytes: Buffer;
  stamp: string | null;
}

/**
 * What the walk remembers of one directory, to be reused while the directory's own stamp is unchanged (adding,
 * removing or renaming an entry changes a directory's mtime and ctime; editing a file in it does not, and files
 * have stamps of their own). The same idea as git's untracked cache.
 */
export interface CachedDir {
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

/** A listing of a tree and a way to read its files. */
export interface TreeReader {
  /** Relative paths of the tree's files the selector keeps (every file without one). */
  files: string[];
  /** How many files the tree has, kept or not. */
  fileCount: number;
  /** Problems met while listing (unreadable directories, symlink loops). */
  diagnostics: Diagnostic[];
  /** Read the bytes of some files, with their stamps; missing or unreadable ones come back as Error. */
  read(paths: string[]): Promise<Map<string, FileRead | Error>>;
  /** A file's stamp without reading it (null when it cannot be had or must not be trusted). */
  stamp(path: string): string | null;
  /** `dir`, `git-worktree` or `git-rev`. */
  mode: 'dir' | 'git-worktree' | 'git-rev';
  /** A plain directory's walk, by relative directory path, for the next walk to reuse. */
  dirCache?: Record<string, CachedDir>;
  /** True when `dirCache` differs from the one given (a directory was read again, or is gone). */
  dirCacheChanged?: boolean;
}

/** Directory names never descended into: VCS metadata and package caches, never kernel or crate sources. */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules']);

export interface OpenTreeOptions {
  rev?: string;
  followSymlinks?: boolean;
  /** Use `git ls-files` when the directory is a git work tree (default true). */
  useGit?: boolean;
  /** Keep only the files some source may want (src/scan/select.ts); every file by default. */
  select?: FileSelector;
  /**
   * A previous walk of this directory (made with the same selector; `{}` for none yet): unchanged directories are
   * not read again, and the reader's `dirCache` is the walk to give next time. Absent: no directory is stamped.
   */
  dirCache?: Record<string, CachedDir>;
  /**
   * Time (ns since the epoch) from which a change may be too recent to tell apart from the next one: files and
   * directories changed after it get no stamp (null) and are always read again. Default: now, less 2 s.
   */
  trustBeforeMs?: number;
}

/** Filesystem timestamps can be as coarse as 2 s (FAT); within that a second change may leave every stamp alone. */
const RACY_MS = 2000;

/**
 * A stamp from a stat: size, mtime, ctime and inode; null when the file changed too recently to be trusted. The
 * times are doubles in ms, exact to a fraction of a microsecond: finer than any filesystem's clock ticks.
 */
function stampOf(st: Stats, trustBeforeMs: number): string | null {
  if (st.mtimeMs >= trustBeforeMs || st.ctimeMs >= trustBeforeMs) return null;
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
}

/** Open a tree for reading; throws E_NO_TREE when the path is not a directory, E_GIT when a revision is bad. */
export function openTree(root: string, options: OpenTreeOptions = {}): TreeReader {
  let st;
  try {
    st = statSync(root);
  } catch (e) {
    // One line says it all: the path and what is wrong with it (no such file, or no permission to look).
    const code = (e as NodeJS.ErrnoException).code;
    throw new GatewatchError('E_NO_TREE', code === 'ENOENT' ? `no such tree: ${root}` : `cannot open tree ${root}: ${(e as Error).message}`);
  }
  if (!st.isDirectory()) {
    throw new GatewatchError('E_NO_TREE', `not a directory: ${root} (expected a kernel source tree or a Rust project directory)`);
  }
  const select = options.select;
  if (options.rev !== undefined) return openGitRev(root, options.rev, select);
  const trustBeforeMs = options.trustBeforeMs ?? Date.now() - RACY_MS;
  const disk = {
    read: (paths: string[]) => readFromDisk(root, paths, trustBeforeMs),
    stamp: (path: string) => {
      const st = statSync(`${root}/${path}`, { throwIfNoEntry: false });
      return st?.isFile() ? stampOf(st, trustBeforeMs) : null;
    },
  };
  if (options.useGit !== false && isGitWorkTreeRoot(root)) {
    const all = gitLines(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
    if (all) {
      const files = select?.selective ? all.filter((p) => select.path(p)) : all;
      return { files, fileCount: all.length, diagnostics: [], ...disk, mode: 'git-worktree' };
    }
  }
  const walk = walkDirectory(root, options.followSymlinks ?? false, select, options.dirCache, trustBeforeMs);
  return { ...walk, ...disk, mode: 'dir' };
}

function isGitWorkTreeRoot(root: string): boolean {
  try {
    lstatSync(join(root, '.git'));
  } catch {
    return false;
  }
  try {
    const top = execFileSync('git', ['-C', root, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return realpathSync(top) === realpathSync(root);
  } catch {
    return false;
  }
}

function gitLines(root: string, args: string[]): string[] | null {
  try {
    const out = execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
    return out.split('\0').filter((s) => s.length > 0);
  } catch {
    return null;
  }
}

/**
 * Recursive walk with withFileTypes: one readdir per directory, no stat per file (symbolic links aside). A path is
 * built only for a file the selector keeps, or for every file when a directory is selected as a whole. A directory
 * whose stamp equals the one in `previous` is not read: its cached names are used (one stat instead of a readdir).
 */
function walkDirectory(
  root: string,
  followSymlinks: boolean,
  select: FileSelector | undefined,
  previous: Record<string, CachedDir> | undefined,
  trustBeforeMs: number,
): { files: string[]; fileCount: number; diagnostics: Diagnostic[]; dirCache?: Record<string, CachedDir>; dirCacheChanged?: boolean } {
  const files: string[] = [];
  let fileCount = 0;
  const diagnostics: Diagnostic[] = [];
  const dirCache: Record<string, CachedDir> = {};
  let changed = false;
  const visited = new Set<string>();
  if (followSymlinks) visited.add(realpathSync(root));
  const selective = select?.selective === true;
  // Parallel stacks: a directory's relative path, and whether every file below it is kept.
  const stack: string[] = [''];
  const keepAll: boolean[] = [!selective];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    const all = keepAll.pop()!;
    const abs = rel === '' ? root : `${root}/${rel}`;
    const prefix = rel === '' ? '' : `${rel}/`;
    // Stat before readdir: a change between the two leaves a listing newer than its stamp, read again next time.
    let stamp: string | null = null;
    if (previous !== undefined) {
      const st = statSync(abs, { throwIfNoEntry: false });
      stamp = st ? stampOf(st, trustBeforeMs) : null;
    }
    let listing: CachedDir | undefined = stamp !== null ? previous![rel] : undefined;
    // A listing kept only selected names; a directory now kept whole (another selector) needs all of them.
    if (listing !== undefined && (listing.stamp !== stamp || (all && listing.fileCount !== listing.files.length))) listing = undefined;
    if (listing === undefined) {
      let entries: Dirent[];
      try {
        // Plain concatenation: path.join's normalisation costs more than the readdir on a 90k-file tree.
        entries = readdirSync(abs, { withFileTypes: true });
      } catch (e) {
        diagnostics.push(diagnostic('scan/unreadable-directory', 'error', `could not read directory: ${(e as Error).message}`, { file: rel || '.' }));
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
    if (stamp !== null) dirCache[rel] = listing;
    if (listing !== previous?.[rel]) changed = true;
    fileCount += listing.fileCount;
    for (const name of listing.files) files.push(prefix + name);
    for (const name of listing.dirs) {
      const path = prefix + name;
      stack.push(path);
      keepAll.push(all || select!.dir(path, name));
    }
    for (const name of listing.links) {
      const path = prefix + name;
      let target;
      try {
        target = statSync(`${root}/${path}`);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') {
          diagnostics.push(diagnostic('scan/symlink-loop', 'warning', 'symbolic link loop: the link resolves to itself', { file: path }));
        }
        // A dangling link is normal in a source tree (e.g. generated targets); nothing to read.
        continue;
      }
      if (target.isFile()) {
        fileCount++;
        if (all || select!.name(name)) files.push(path);
      } else if (target.isDirectory() && followSymlinks) {
        const real = realpathSync(`${root}/${path}`);
        if (visited.has(real)) {
          diagnostics.push(diagnostic('scan/symlink-loop', 'warning', `symbolic link to a directory already walked (${real === realpathSync(root) ? 'the tree root' : 'a loop'}); not followed again`, { file: path }));
        } else {
          visited.add(real);
          stack.push(path);
          keepAll.push(all || select!.dir(path, name));
        }
      }
    }
  }
  // Unsorted: the pipeline sorts what it reports.
  if (previous !== undefined && Object.keys(previous).length !== Object.keys(dirCache).length) changed = true;
  return previous !== undefined ? { files, fileCount, diagnostics, dirCache, dirCacheChanged: changed } : { files, fileCount, diagnostics };
}

/** Read whole files with their stamps: open, fstat, read, close (what readFileSync does, keeping the stat). */
async function readFromDisk(root: string, paths: string[], trustBeforeMs: number): Promise<Map<string, FileRead | Error>> {
  const out = new Map<string, FileRead | Error>();
  for (const p of paths) {
    let fd: number | undefined;
    try {
      fd = openSync(`${root}/${p}`, 'r');
      const st = fstatSync(fd);
      const size = Number(st.size);
      const bytes = Buffer.allocUnsafe(size);
      let got = 0;
      while (got < size) {
        const n = readSync(fd, bytes, got, size - got, got);
        if (n === 0) break;
        got += n;
      }
      // A file that shrank while being read is read as it was; one that grew gets no stamp (read again next time).
      out.set(p, { bytes: got === size ? bytes : bytes.subarray(0, got), stamp: got === size ? stampOf(st, trustBeforeMs) : null });
    } catch (e) {
      out.set(p, e as Error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return out;
}

function openGitRev(root: string, rev: string, select: FileSelector | undefined): TreeReader {
  let commit: string;
  try {
    commit = execFileSync('git', ['-C', root, 'rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (cause) {
    throw new GatewatchError('E_GIT', `not a revision of a git repository: ${rev} in ${root}`, { cause, hint: 'give a branch, tag or commit that `git rev-parse` knows' });
  }
  const entries = gitLines(root, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  if (!entries) throw new GatewatchError('E_GIT', `git ls-tree failed for ${rev} in ${root}`);
  const blobs = new Map<string, string>();
  for (const e of entries) {
    // "<mode> <type> <object>\t<path>"; symlinks (120000) and submodules (commit) are not files to read.
    const tab = e.indexOf('\t');
    const [mode, type, object] = e.slice(0, tab).split(' ');
    if (type === 'blob' && mode !== '120000' && object) blobs.set(e.slice(tab + 1), object);
  }
  const all = [...blobs.keys()];
  return {
    files: (select?.selective ? all.filter((p) => select.path(p)) : all).sort(),
    fileCount: all.length,
    diagnostics: [],
    mode: 'git-rev',
    read: (paths) => catFileBatch(root, paths, blobs),
    // Git objects never change: the blob id is the stamp.
    stamp: (path) => (blobs.has(path) ? `blob:${blobs.get(path)}` : null),
  };
}

/** Read many blobs with one `git cat-file --batch` process. */
function catFileBatch(root: string, paths: string[], blobs: Map<string, string>): Promise<Map<string, FileRead | Error>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, FileRead | Error>();
    const wanted = paths.filter((p) => blobs.has(p));
    for (const p of paths) if (!blobs.has(p)) out.set(p, new Error('not in the revision'));
    if (wanted.length === 0) return resolve(out);
    const child = spawn('git', ['-C', root, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', () => {
      const buf = Buffer.concat(chunks);
      let pos = 0;
      for (const p of wanted) {
        const nl = buf.indexOf(10, pos);
        const header = buf.subarray(pos, nl).toString('utf8');
        const size = Number(header.split(' ')[2]);
        if (!Number.isFinite(size)) {
          out.set(p, new Error(`git cat-file: ${header}`));
          pos = nl + 1;
          continue;
        }
        out.set(p, { bytes: buf.subarray(nl + 1, nl + 1 + size), stamp: `blob:${blobs.get(p)}` });
        pos = nl + 1 + size + 1;
      }
      resolve(out);
    });
    child.stdin.end(wanted.map((p) => blobs.get(p)).join('\n') + '\n');
  });
}
