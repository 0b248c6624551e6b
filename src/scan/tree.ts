/**
 * Where the files of a tree come from: a plain directory (walked), a git work tree (`git ls-files`), or a git
 * revision (its trees and blobs read by one `git cat-file --batch`, src/scan/git-objects.ts; no checkout). Every
 * file path is relative, with `/`.
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
import type { FileSelector } from './select.js';
import { stampOf, statQuietly, walkDirectory, type WalkCache } from './walk.js';

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
  /** Read the bytes of some files, with their stamps; missing or unreadable ones come back as Error. */
  read(paths: string[]): Promise<Map<string, FileRead | Error>>;
  /** A file's stamp without reading it (null when it cannot be had or must not be trusted). */
  stamp(path: string): string | null;
  /** `dir`, `git-worktree` or `git-rev`. */
  mode: 'dir' | 'git-worktree' | 'git-rev';
  /** A plain directory's walk, for the next walk to reuse (src/scan/walk.ts). */
  walkCache?: WalkCache;
  /** True when the walk given was this walk: no directory or link changed since. */
  walkUnchanged?: boolean;
  /** End what the reader holds open (a git process); reads fail after. */
  close?: () => void;
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
    throw new GatewatchError('E_NO_TREE', code === 'ENOENT' ? `no such tree: ${root}` : `cannot open tree ${root}: ${(e as Error).message}`);
  }
  if (!st.isDirectory()) {
    throw new GatewatchError('E_NO_TREE', `not a directory: ${root} (expected a kernel source tree or a Rust project directory)`);
  }
  const select = options.select;
  if (options.rev !== undefined) return await openGitRev(root, options.rev, select, options.git);
  const trustBeforeMs = options.trustBeforeMs ?? Date.now() - RACY_MS;
  const disk = {
    read: (paths: string[]) => Promise.resolve(readFromDisk(root, paths, options.stampFiles === true ? trustBeforeMs : null)),
    stamp: (path: string) => {
      const st = statQuietly(`${root}/${path}`);
      return st?.isFile() ? stampOf(st, trustBeforeMs) : null;
    },
  };
  if (options.useGit !== false && isGitWorkTreeRoot(root)) {
    // git lists the files in a process of its own (most of its time goes to finding untracked files): the main
    // thread meanwhile does what `whileListing` starts (loading the Rust parser).
    const listing = gitLines(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
    options.whileListing?.();
    const all = await listing;
    if (all) {
      const files = select?.selective ? all.filter((p) => select.path(p)) : all;
      return { files, fileCount: all.length, diagnostics: [], ...disk, mode: 'git-worktree' };
    }
  }
  options.whileListing?.();
  const walk = walkDirectory(root, {
    followSymlinks: options.followSymlinks ?? false,
    select,
    trustBeforeMs,
    ...(options.walkCache ? { cache: options.walkCache } : {}),
  });
  return {
    files: walk.files,
    fileCount: walk.fileCount,
    diagnostics: walk.diagnostics,
    ...disk,
    mode: 'dir',
    ...(walk.cache ? { walkCache: walk.cache, walkUnchanged: walk.unchanged === true } : {}),
  };
}

function isGitWorkTreeRoot(root: string): boolean {
  try {
    lstatSync(join(root, '.git'));
  } catch {
    return false;
  }
  try {
    const top = childProcesses().execFileSync('git', ['-C', root, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return realpathSync(top) === realpathSync(root);
  } catch {
    return false;
  }
}

/** The entries of a git command's NUL-separated output, or null when it fails; git runs while this thread goes on. */
function gitLines(root: string, args: string[]): Promise<string[] | null> {
  return new Promise((resolve) => {
    childProcesses().execFile('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }, (error, stdout) => {
      resolve(error ? null : stdout.split('\0').filter((s) => s.length > 0));
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
 * Read whole files, with their stamps when `trustBeforeMs` is given: open, fstat, read, close (what readFileSync
 * does), into shared chunks.
 */
function readFromDisk(root: string, paths: string[], trustBeforeMs: number | null): Map<string, FileRead | Error> {
  const out = new Map<string, FileRead | Error>();
  const chunks = new ReadChunks();
  for (const p of paths) {
    let fd: number | undefined;
    try {
      fd = openSync(`${root}/${p}`, 'r');
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
      out.set(p, e as Error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return out;
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
  return {
    files: (select?.selective ? all.filter((p) => select.path(p)) : all).sort(),
    fileCount: all.length,
    diagnostics: [],
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
