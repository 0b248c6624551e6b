/**
 * Where the files of a tree come from: a plain directory (walked), a git work tree (`git ls-files`), or a git
 * revision (its trees and blobs read by one `git cat-file --batch`, src/scan/git-objects.ts; no checkout). Every
 * file path is relative, with `/`.
 *
 * A git work tree's listing is kept (with a store) with the stamps of everything it depends on: every directory
 * (the walk of walk.ts tells an added, removed or renamed file), the index (`git add`, `git rm`), and every
 * ignore rule (the tree's `.gitignore` files, `info/exclude`, git's configuration files and the excludes file
 * they name). When none changed, git would list the same files: the kept listing is the listing, and no git process
 * runs. Finding untracked files is most of `git ls-files`'s time, and it is the walk git's untracked cache makes too.
 *
 * A plain directory is walked in full, ignoring `.gitignore`: Debian's kernel tarball ships a top-level
 * `.gitignore` that ignores everything, and a kernel tree has no build output worth skipping before a build.
 * Directory symlinks are not followed (as git and ripgrep do) unless asked; then a loop is a diagnostic.
 */
import type * as ChildProcess from 'node:child_process';
import { closeSync, fstatSync, lstatSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { GatewatchError } from '../core/errors.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { openGitObjects, type GitObjects, type GitTreeFile } from './git-objects.js';
import { displayName, isUtf8, nonUtf8Name } from './raw-names.js';
import type { FileSelector } from './select.js';
import { stampOf, statQuietly, systemRoot, under, walkDirectory, type WalkCache } from './walk.js';

/** A file's bytes and its stamp: a text that changes whenever its content may have (null: do not keep its facts). */
export interface FileRead {
  bytes: Buffer;
  stamp: string | null;
}

/** A listing of a tree and a way to read its files. */
export interface TreeReader {
  /** Relative paths of the tree's files the selector keeps (every file without one). */
  files: string[];
  /** How many files the tree has, kept or not. */
  fileCount: number;
  /** Problems met while listing (unreadable directories, symlink loops). */
  diagnostics: Diagnostic[];
  /**
   * Read the bytes of some files, with their stamps; missing or unreadable ones come back as Error. A path that
   * turns out to be a symbolic link to a directory or to nothing is no file: it is left out of the map.
   */
  read(paths: string[]): Promise<Map<string, FileRead | Error>>;
  /** A file's stamp without reading it (null when it cannot be had or must not be trusted). */
  stamp(path: string): string | null;
  /** `dir`, `git-worktree` or `git-rev`. */
  mode: 'dir' | 'git-worktree' | 'git-rev';
  /** A plain directory's walk, for the next walk to reuse (src/scan/walk.ts). */
  walkCache?: WalkCache;
  /** True when the walk given was this walk: no directory or link changed since (and, in a git work tree, the listing is the kept one). */
  walkUnchanged?: boolean;
  /** A git work tree's listing, for the next scan to reuse when nothing it depends on changed. */
  gitListing?: GitListing;
  /** End what the reader holds open (a git process); reads fail after. */
  close?: () => void;
}

/** A git work tree's listing with the stamps of what it depends on besides its directories. */
export interface GitListing {
  /** The stamps of `.git`, the index, the ignore files and git's configuration files, as one text. */
  stamps: string;
  /** The files git listed (tracked, and untracked ones not ignored) that the selector keeps. */
  files: string[];
  /** How many files git listed. */
  fileCount: number;
  /** `core.excludesFile`, when git's configuration names one (its stamp is part of `stamps`). */
  excludesFile?: string;
  /**
   * The directories git ignores as a whole (`build/`, a Cargo `target/`): nothing below them can change what git
   * lists, so the walk does not enter them.
   */
  ignoredDirs: string[];
}

export interface OpenTreeOptions {
  rev?: string;
  followSymlinks?: boolean;
  /** Use `git ls-files` when the directory is a git work tree (default true). */
  useGit?: boolean;
  /** Keep only the files some source may want (src/scan/select.ts); every file by default. */
  select?: FileSelector;
  /** Read files with their stamps (for the store, src/scan/stored-scan.ts). */
  stampFiles?: boolean;
  /**
   * Keep the walk of a plain directory for next time, reusing `previous` (made with the same selector) where
   * nothing changed; the reader's `walkCache` is the walk to give next time; `listings: false` keeps no directory
   * listings (src/scan/walk.ts). Absent: no directory is stamped.
   */
  walkCache?: { previous?: WalkCache; listings?: boolean };
  /** The listing of this git work tree that the last scan kept (with `walkCache`: its walk tells a changed directory). */
  gitListing?: GitListing;
  /**
   * Time (ms since the epoch) from which a change may be too recent to tell apart from the next one: files and
   * directories changed after it get no stamp (null) and are always read again. Default: now, less 2 s.
   */
  trustBeforeMs?: number;
  /** Called as the listing starts: slow preparations (a parser's WebAssembly compiling) overlap with it. */
  whileListing?: () => void;
  /** The repository's objects, read by one git process for many revisions (the caller closes it); one of its own by default. */
  git?: GitObjects;
}

/** Filesystem timestamps can be as coarse as 2 s (FAT); within that a second change may leave every stamp alone. */
const RACY_MS = 2000;

/** node:child_process, loaded only for git trees: a plain directory's scan never pays for loading it. */
let childProcess: typeof ChildProcess | undefined;
const childProcesses = () => (childProcess ??= createRequire(import.meta.url)('node:child_process') as typeof ChildProcess);

/** Open a tree for reading; throws E_NO_TREE when the path is not a directory, E_GIT when a revision is bad. */
export async function openTree(root: string, options: OpenTreeOptions = {}): Promise<TreeReader> {
  let st;
  try {
    st = statSync(root);
  } catch (e) {
    // One line says it all: the path and what is wrong with it (no such file, or no permission to look).
    const code = (e as NodeJS.ErrnoException).code;
    // A path whose bytes are not UTF-8 reaches Node as U+FFFD, and no longer names the directory.
    if (code === 'ENOENT' && root.includes('\uFFFD'))
      throw new GatewatchError('E_NO_TREE', `no such tree: ${root} (its path is not valid UTF-8, which cannot be passed to gatewatch)`, {
        hint: 'scan it through a symbolic link with a UTF-8 name (ln -s <tree> tree-link), or rename it',
      });
    throw new GatewatchError('E_NO_TREE', code === 'ENOENT' ? `no such tree: ${root}` : `cannot open tree ${root}: ${(e as Error).message}`);
  }
  if (!st.isDirectory()) {
    throw new GatewatchError('E_NO_TREE', `not a directory: ${root} (expected a kernel source tree or a Rust project directory)`);
  }
  const select = options.select;
  if (options.rev !== undefined) return await openGitRev(root, options.rev, select, options.git);
  const trustBeforeMs = options.trustBeforeMs ?? Date.now() - RACY_MS;
  // Paths in bytes of the files whose path is not UTF-8, once the walk has found them.
  let raw: Map<string, Buffer> | undefined;
  // Files are read and stat'ed by the shortest name of the tree; git and what is shown use `root`.
  const sys = systemRoot(root);
  const at = (path: string) => raw?.get(path) ?? under(sys, path);
  const disk = {
    read: (paths: string[]) => Promise.resolve(readFromDisk(at, paths, options.stampFiles === true ? trustBeforeMs : null)),
    stamp: (path: string) => {
      const st = statQuietly(at(path));
      return st?.isFile() ? stampOf(st, trustBeforeMs) : null;
    },
  };
  // Files git names whose paths are not UTF-8: their bytes, to read them by, and a diagnostic each.
  const rawGitNames = (files: readonly string[], odd: Map<string, Buffer>): Diagnostic[] => {
    if (odd.size === 0) return [];
    const diagnostics: Diagnostic[] = [];
    raw = new Map();
    for (const f of files) {
      const bytes = odd.get(f);
      if (bytes === undefined) continue;
      raw.set(f, sys === '.' ? bytes : Buffer.concat([Buffer.from(`${sys}/`), bytes]));
      diagnostics.push(nonUtf8Name(f));
    }
    return diagnostics;
  };
  if (options.useGit !== false && options.walkCache !== undefined && hasDotGit(root)) {
    const listed = await openKeptGitWorkTree(root, sys, options, trustBeforeMs);
    if (listed) return { ...listed, diagnostics: rawGitNames(listed.files, listed.odd), ...disk };
  } else if (options.useGit !== false && isGitWorkTreeRoot(root)) {
    // git lists the files in a process of its own (most of its time goes to finding untracked files): the main
    // thread meanwhile does what `whileListing` starts (loading the Rust parser).
    const odd = new Map<string, Buffer>();
    const listing = gitLines(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], odd);
    options.whileListing?.();
    const all = await listing;
    if (all) {
      const files = select?.selective ? all.filter((p) => select.path(p)) : all;
      return { files, fileCount: all.length, diagnostics: rawGitNames(files, odd), ...disk, mode: 'git-worktree' };
    }
  }
  options.whileListing?.();
  let walk;
  try {
    walk = walkDirectory(sys, {
      followSymlinks: options.followSymlinks ?? false,
      select,
      trustBeforeMs,
      ...(options.walkCache ? { cache: options.walkCache } : {}),
    });
  } catch (e) {
    throw unreadableTree(root, e);
  }
  raw = walk.raw;
  return {
    files: walk.files,
    fileCount: walk.fileCount,
    diagnostics: walk.diagnostics,
    ...disk,
    mode: 'dir',
    ...(walk.cache ? { walkCache: walk.cache, walkUnchanged: walk.unchanged === true } : {}),
  };
}

/** The `.gitignore` files among a walk's kept files (one path per line), found in the text without splitting it. */
function gitignoresIn(files: string): string[] {
  const out: string[] = [];
  const name = '.gitignore';
  for (let at = files.indexOf(name); at >= 0; at = files.indexOf(name, at + name.length)) {
    const end = at + name.length;
    if (end !== files.length && files.charCodeAt(end) !== 10) continue;
    if (at > 0 && files.charCodeAt(at - 1) !== 10 && files.charCodeAt(at - 1) !== 47) continue;
    out.push(files.slice(files.lastIndexOf('\n', at) + 1, end));
  }
  return out;
}

/** The links of a walk (`path<TAB>kind` lines) that point to a directory or to nothing. */
function linksToNoFile(links: string): Set<string> {
  const out = new Set<string>();
  if (links === '') return out;
  for (const line of links.split('\n')) {
    const tab = line.indexOf('\t');
    const kind = line.slice(tab + 1);
    if (kind === 'dir' || kind === 'none') out.add(line.slice(0, tab));
  }
  return out;
}

/** The one-line error for a tree whose top directory cannot be listed (`e`: what reading it threw). */
export function unreadableTree(root: string, e: unknown): GatewatchError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM')
    return new GatewatchError('E_NO_TREE', `cannot read tree ${root}: permission denied`, { hint: 'gatewatch lists the directory: give your user read and search permission on it (chmod u+rx), or scan as a user who has it' });
  return new GatewatchError('E_NO_TREE', `cannot read tree ${root}: ${e instanceof Error ? e.message : String(e)}`, { hint: 'check that the directory can be listed (ls)' });
}

/** Whether `root` holds a `.git` (a directory, or the file of a linked work tree or submodule). */
function hasDotGit(root: string): boolean {
  try {
    lstatSync(join(root, '.git'));
    return true;
  } catch {
    return false;
  }
}

function isGitWorkTreeRoot(root: string): boolean {
  if (!hasDotGit(root)) return false;
  try {
    const top = childProcesses().execFileSync('git', ['-C', root, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return realpathSync(top) === realpathSync(root);
  } catch {
    return false;
  }
}

/**
 * A git work tree listed with the store's help: the walk (a stat per directory when nothing changed) and the stamps
 * of the index and the ignore rules say whether the kept listing still holds. When one changed, or on a first scan,
 * git lists the files, and the listing is kept with stamps that must be older than git's start: a change made while
 * git runs is never hidden behind the stamp it ended with. The walk leaves out the directories git ignores (a
 * Cargo `target/` can hold more directories than the sources). Undefined when `root` is no work tree's top
 * directory: it is then a plain directory.
 */
async function openKeptGitWorkTree(
  root: string,
  sys: string,
  options: OpenTreeOptions,
  trustBeforeMs: number,
): Promise<(Omit<TreeReader, 'read' | 'stamp' | 'diagnostics'> & { odd: Map<string, Buffer> }) | undefined> {
  const previous = options.gitListing;
  const odd = new Map<string, Buffer>();
  // git lists in a process of its own: the main thread meanwhile does what `whileListing` starts.
  const listByGit = () => {
    if (!isGitWorkTreeRoot(root)) return undefined;
    const git = startGitListing(root, odd);
    options.whileListing?.();
    return git;
  };
  // A first scan needs git's answer first: the walk leaves out what git ignores.
  const first = previous === undefined ? await listByGit() : undefined;
  if (previous === undefined && (first === undefined || first.all === null)) return undefined;
  const skipDirs = new Set(first?.ignoredDirs ?? previous!.ignoredDirs);
  // The walk here only tells changes: git decides what is listed (symbolic links are files to it, never followed).
  let walk;
  try {
    walk = walkDirectory(sys, { followSymlinks: false, select: options.select, trustBeforeMs, cache: options.walkCache!, skipDirs });
  } catch (e) {
    throw unreadableTree(root, e);
  }
  const gitignores = gitignoresIn(walk.cache!.files);
  const listed = (files: string[], fileCount: number, unchanged: boolean, gitListing: GitListing | undefined) => ({
    files,
    fileCount,
    odd,
    mode: 'git-worktree' as const,
    walkCache: walk.cache!,
    walkUnchanged: unchanged,
    ...(gitListing ? { gitListing } : {}),
  });
  if (previous !== undefined && walk.unchanged === true) {
    const stamps = gitStamps(root, sys, gitignores, previous.excludesFile, trustBeforeMs);
    if (stamps !== null && stamps === previous.stamps) return listed(previous.files, previous.fileCount, true, previous);
  }
  const listing = first ?? (await listByGit());
  if (listing === undefined || listing.all === null) return undefined;
  const select = options.select;
  // git lists a symbolic link as a file whatever it points to; one to a directory or to nothing is no file to read
  // (nor is it to the walk of a plain directory). The walk has just looked at every link.
  const noFiles = linksToNoFile(walk.cache!.links);
  const files = select?.selective || noFiles.size > 0 ? listing.all.filter((p) => !noFiles.has(p) && (!select?.selective || select.path(p))) : listing.all;
  const stamps = gitStamps(root, sys, gitignores, listing.excludesFile, Math.min(trustBeforeMs, listing.startedMs));
  // A name that is not UTF-8 is kept by its bytes only in this run: such a listing is not kept for the next. Nor is
  // one whose ignored directories are not those the walk left out: the next scan walks again with git's.
  const sameSkips = listing.ignoredDirs.length === skipDirs.size && listing.ignoredDirs.every((d) => skipDirs.has(d));
  const gitListing =
    stamps === null || odd.size > 0 || !sameSkips
      ? undefined
      : { stamps, files, fileCount: listing.all.length, ignoredDirs: listing.ignoredDirs, ...(listing.excludesFile !== undefined ? { excludesFile: listing.excludesFile } : {}) };
  return listed(files, listing.all.length, false, gitListing);
}

/**
 * git's listing of a work tree (null when it failed), the directories it ignores as a whole, the excludes file its
 * configuration names, and when it started.
 */
async function startGitListing(root: string, odd: Map<string, Buffer>): Promise<{ all: string[] | null; ignoredDirs: string[]; excludesFile?: string; startedMs: number }> {
  const startedMs = Date.now();
  const [all, ignored, configured] = await Promise.all([
    gitLines(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], odd),
    // `--directory` names an ignored directory once, without what is in it (https://git-scm.com/docs/git-ls-files).
    gitLines(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']),
    gitLines(root, ['config', '-z', '--path', '--get', 'core.excludesFile']),
  ]);
  const ignoredDirs = (ignored ?? []).filter((p) => p.endsWith('/')).map((p) => p.slice(0, -1));
  const excludesFile = configured?.[0]?.trim();
  return { all, ignoredDirs, startedMs, ...(excludesFile ? { excludesFile: excludesFile.startsWith('/') ? excludesFile : join(root, excludesFile) } : {}) };
}

/**
 * The stamps of everything besides directories that decides what `git ls-files --cached --others
 * --exclude-standard` lists (https://git-scm.com/docs/gitignore, https://git-scm.com/docs/git-config#FILES): the
 * `.git` entry and what it points to, the index, `info/exclude`, the repository's, the user's and the system's
 * configuration, the default and the configured excludes file, and the tree's `.gitignore` files. Null when one
 * changed too recently to be trusted. A missing file is a stamp too (`-`): its appearing is a change.
 */
function gitStamps(root: string, sys: string, gitignores: readonly string[], excludesFile: string | undefined, trustBeforeMs: number): string | null {
  const home = process.env.HOME ?? '';
  const xdg = process.env.XDG_CONFIG_HOME || (home ? join(home, '.config') : '');
  const dotGit = join(root, '.git');
  let gitDir = dotGit;
  try {
    if (lstatSync(dotGit).isFile()) {
      // A linked work tree or a submodule: `gitdir: <path>` names its git directory.
      const target = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
      if (target) gitDir = target.startsWith('/') ? target : join(root, target);
    }
  } catch {
    return null;
  }
  const paths = [
    dotGit,
    join(gitDir, 'index'),
    join(gitDir, 'info', 'exclude'),
    join(gitDir, 'config'),
    join(gitDir, 'commondir'),
    '/etc/gitconfig',
    ...(home ? [join(home, '.gitconfig')] : []),
    ...(xdg ? [join(xdg, 'git', 'config'), join(xdg, 'git', 'ignore')] : []),
    ...(excludesFile !== undefined ? [excludesFile] : []),
  ];
  const parts: string[] = [];
  // git's own files by their paths; the tree's `.gitignore` files by their paths in the tree, stat'ed by the
  // scan's shortest name of it (`sys`).
  const add = (key: string, path: string): boolean => {
    const st = statQuietly(path);
    const stamp = st === undefined ? '-' : stampOf(st, trustBeforeMs);
    parts.push(`${key}\t${stamp}`);
    return stamp !== null;
  };
  for (const path of paths) if (!add(path, path)) return null;
  for (const path of gitignores) if (!add(path, under(sys, path))) return null;
  return parts.join('\n');
}

/**
 * The entries of a git command's NUL-separated output, or null when it fails; git runs while this thread goes on.
 * An entry that is not UTF-8 is named as src/scan/raw-names.ts names it, and its bytes are put in `odd`.
 */
function gitLines(root: string, args: string[], odd?: Map<string, Buffer>): Promise<string[] | null> {
  return new Promise((resolve) => {
    childProcesses().execFile('git', ['-C', root, ...args], { encoding: 'buffer', maxBuffer: 1 << 28 }, (error, stdout) => {
      if (error) return resolve(null);
      const text = stdout.toString('utf8');
      if (!text.includes('\uFFFD')) return resolve(text.split('\0').filter((s) => s.length > 0));
      const out: string[] = [];
      for (let start = 0, end; start < stdout.length; start = end + 1) {
        end = stdout.indexOf(0, start);
        if (end < 0) end = stdout.length;
        const bytes = stdout.subarray(start, end);
        if (bytes.length === 0) continue;
        if (isUtf8(bytes)) out.push(bytes.toString('utf8'));
        else {
          const name = displayName(bytes);
          out.push(name);
          odd?.set(name, Buffer.from(bytes));
        }
      }
      resolve(out);
    });
  });
}

/**
 * Where files are read to: 2 MiB chunks, each file's bytes a view of one. A kernel scan reads ~3,600 small files;
 * one buffer each would be thousands of allocations outside the JS heap, each pressing the garbage collector. A
 * view keeps its chunk alive as long as it is used (the pipeline keeps no bytes: it keeps texts and facts).
 */
class ReadChunks {
  private static readonly SIZE = 2 * 1024 * 1024;
  private buf = Buffer.allocUnsafe(0);
  private used = 0;
  /** Whether the last room given came from the chunk (a large file gets a buffer of its own). */
  private lastFromChunk = false;

  /** Room for `size` bytes (a fresh chunk when this one is nearly full; a buffer of its own for a large file). */
  take(size: number): Buffer {
    this.lastFromChunk = size <= ReadChunks.SIZE / 4;
    if (!this.lastFromChunk) return Buffer.allocUnsafe(size);
    if (this.buf.length - this.used < size) {
      this.buf = Buffer.allocUnsafe(ReadChunks.SIZE);
      this.used = 0;
    }
    const view = this.buf.subarray(this.used, this.used + size);
    this.used += size;
    return view;
  }

  /** Give back the end of the last `take` that a short read did not fill. */
  giveBack(unused: number): void {
    if (this.lastFromChunk) this.used -= unused;
  }

  /** All the room left in the current chunk, at least 64 KiB, for a read of unknown size (give back the rest). */
  rest(): Buffer {
    if (this.buf.length - this.used < 64 * 1024) {
      this.buf = Buffer.allocUnsafe(ReadChunks.SIZE);
      this.used = 0;
    }
    const view = this.buf.subarray(this.used);
    this.used = this.buf.length;
    this.lastFromChunk = true;
    return view;
  }
}

/**
 * Read whole files (`at` gives where each is), with their stamps when `trustBeforeMs` is given: open, fstat, read,
 * close (what readFileSync does), into shared chunks.
 */
function readFromDisk(at: (path: string) => string | Buffer, paths: string[], trustBeforeMs: number | null): Map<string, FileRead | Error> {
  const out = new Map<string, FileRead | Error>();
  const chunks = new ReadChunks();
  for (const p of paths) {
    let fd: number | undefined;
    try {
      fd = openSync(at(p), 'r');
      if (trustBeforeMs === null) {
        // No stamp wanted: no fstat either (and no Stats object); a short read into the room left is the whole file.
        const room = chunks.rest();
        const n = readSync(fd, room, 0, room.length, 0);
        // Larger than the room left: the room is all given back and the file read on its own.
        chunks.giveBack(n < room.length ? room.length - n : room.length);
        out.set(p, { bytes: n < room.length ? room.subarray(0, n) : readFileSync(fd), stamp: null });
        continue;
      }
      const st = fstatSync(fd);
      const size = st.size;
      const bytes = chunks.take(size);
      let got = 0;
      while (got < size) {
        const n = readSync(fd, bytes, got, size - got, got);
        if (n === 0) break;
        got += n;
      }
      if (got < size) chunks.giveBack(size - got);
      // A file that shrank while being read is read as it was, without a stamp (read again next time).
      const stamp = got === size ? stampOf(st, trustBeforeMs) : null;
      out.set(p, { bytes: got === size ? bytes : bytes.subarray(0, got), stamp });
    } catch (e) {
      // A symbolic link to a directory or to nothing is no file: git lists such links, and a link can change
      // after the walk. It is left out, as the walk leaves it out.
      if (!isLinkToNoFile(at(p), e)) out.set(p, e as Error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return out;
}

/** Whether `e`, met reading `path`, is because `path` is a symbolic link to a directory or to nothing. */
function isLinkToNoFile(path: string | Buffer, e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== 'EISDIR' && code !== 'ENOENT') return false;
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

async function openGitRev(root: string, rev: string, select: FileSelector | undefined, shared: GitObjects | undefined): Promise<TreeReader> {
  const objects = shared ?? openGitObjects(root);
  // A reader opened here is closed with the tree; a shared one belongs to whoever opened it.
  const close = shared ? undefined : () => objects.close();
  try {
    return { ...(await listGitRev(root, rev, select, objects)), ...(close ? { close } : {}) };
  } catch (e) {
    close?.();
    throw e;
  }
}

async function listGitRev(root: string, rev: string, select: FileSelector | undefined, objects: GitObjects): Promise<TreeReader> {
  // Where `root` sits in its repository (`rust/` for a subdirectory): only that part of the revision is read. Git's
  // own `fatal:` lines are never shown: each failure is said in gatewatch's words.
  let prefix: string;
  try {
    prefix = objects.prefix();
  } catch {
    throw new GatewatchError('E_GIT', `not a git repository: ${root}`, { hint: '--rev reads a revision from git objects; drop --rev to scan the directory as it is' });
  }
  const [commit] = await objects.read([`${rev}^{commit}`]).catch(() => [null]);
  const tree = commit ? /^tree ([0-9a-f]+)$/m.exec(commit.bytes.toString('latin1'))?.[1] : undefined;
  if (!commit || !tree || rev.startsWith('-')) {
    throw new GatewatchError('E_GIT', `not a revision of a git repository: ${rev} in ${root}`, { hint: 'give a branch, tag or commit that `git rev-parse` knows' });
  }
  let listing: GitTreeFile[];
  try {
    // The part of the tree under `prefix`: none when the revision lacks that directory.
    const [sub] = prefix ? await objects.read([`${tree}:${prefix.replace(/\/$/, '')}`]) : [{ type: 'tree', id: tree }];
    listing = sub && sub.type === 'tree' ? await objects.listTree(sub.id) : [];
  } catch {
    throw new GatewatchError('E_GIT', `git could not list the tree of ${rev} in ${root}`);
  }
  const blobs = new Map<string, string>();
  // Symlinks (120000) and submodules (160000) are not files to read.
  for (const f of listing) if (f.mode !== '120000' && f.mode !== '160000') blobs.set(f.path, f.object);
  const all = [...blobs.keys()];
  const files = (select?.selective ? all.filter((p) => select.path(p)) : all).sort();
  // Entries not UTF-8 are read by their object ids all the same: only their names are said.
  const oddPaths = new Set(listing.filter((f) => f.nonUtf8).map((f) => f.path));
  return {
    files,
    fileCount: all.length,
    diagnostics: oddPaths.size > 0 ? files.filter((f) => oddPaths.has(f)).map(nonUtf8Name) : [],
    mode: 'git-rev',
    read: (paths) => readBlobs(objects, paths, blobs),
    // Git objects never change: the blob id is the stamp.
    stamp: (path) => (blobs.has(path) ? `blob:${blobs.get(path)}` : null),
  };
}

/** Read many blobs, in one request to git. */
async function readBlobs(objects: GitObjects, paths: string[], blobs: Map<string, string>): Promise<Map<string, FileRead | Error>> {
  const out = new Map<string, FileRead | Error>();
  const wanted = paths.filter((p) => blobs.has(p));
  for (const p of paths) if (!blobs.has(p)) out.set(p, new Error('not in the revision'));
  const got = await objects.read(wanted.map((p) => blobs.get(p)!));
  wanted.forEach((p, i) => {
    const o = got[i];
    out.set(p, o && o.type === 'blob' ? { bytes: o.bytes, stamp: `blob:${blobs.get(p)}` } : new Error(`git cat-file: ${blobs.get(p)} missing`));
  });
  return out;
}
