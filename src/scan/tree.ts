/**
 * Where the files of a tree come from: a plain directory (walked), a git work tree (`git ls-files`), or a git
 * revision (`git ls-tree` + `git cat-file --batch`, no checkout). Every file path is relative, with `/`.
 *
 * A plain directory is walked in full, ignoring `.gitignore`: Debian's kernel tarball ships a top-level
 * `.gitignore` that ignores everything, and a kernel tree has no build output worth skipping before a build.
 * Directory symlinks are not followed (as git and ripgrep do) unless asked; then a loop is a diagnostic.
 */
import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { GatewatchError } from '../core/errors.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';

/** A listing of a tree and a way to read its files. */
export interface TreeReader {
  /** Relative paths of every file in the tree. */
  files: string[];
  /** Problems met while listing (unreadable directories, symlink loops). */
  diagnostics: Diagnostic[];
  /** Read the bytes of some files; missing or unreadable ones come back as Error. */
  read(paths: string[]): Promise<Map<string, Buffer | Error>>;
  /** `dir`, `git-worktree` or `git-rev`. */
  mode: 'dir' | 'git-worktree' | 'git-rev';
}

/** Directory names never descended into: VCS metadata and package caches, never kernel or crate sources. */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules']);

export interface OpenTreeOptions {
  rev?: string;
  followSymlinks?: boolean;
  /** Use `git ls-files` when the directory is a git work tree (default true). */
  useGit?: boolean;
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
  if (options.rev !== undefined) return openGitRev(root, options.rev);
  if (options.useGit !== false && isGitWorkTreeRoot(root)) {
    const files = gitLines(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
    if (files) return { files, diagnostics: [], read: (paths) => readFromDisk(root, paths), mode: 'git-worktree' };
  }
  const { files, diagnostics } = walkDirectory(root, options.followSymlinks ?? false);
  return { files, diagnostics, read: (paths) => readFromDisk(root, paths), mode: 'dir' };
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

/** Recursive walk with withFileTypes: one readdir per directory, no stat per file. */
function walkDirectory(root: string, followSymlinks: boolean): { files: string[]; diagnostics: Diagnostic[] } {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const visited = new Set<string>();
  if (followSymlinks) visited.add(realpathSync(root));
  const stack: string[] = [''];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    let entries: Dirent[];
    try {
      // Plain concatenation: path.join's normalisation costs more than the readdir on a 90k-file tree.
      entries = readdirSync(rel === '' ? root : `${root}/${rel}`, { withFileTypes: true });
    } catch (e) {
      diagnostics.push(diagnostic('scan/unreadable-directory', 'error', `could not read directory: ${(e as Error).message}`, { file: rel || '.' }));
      continue;
    }
    for (const ent of entries) {
      const path = rel === '' ? ent.name : `${rel}/${ent.name}`;
      if (ent.isDirectory()) {
        if (!SKIP_DIRS.has(ent.name)) stack.push(path);
      } else if (ent.isFile()) {
        files.push(path);
      } else if (ent.isSymbolicLink()) {
        let target;
        try {
          target = statSync(join(root, path));
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'ELOOP') {
            diagnostics.push(diagnostic('scan/symlink-loop', 'warning', 'symbolic link loop: the link resolves to itself', { file: path }));
          }
          // A dangling link is normal in a source tree (e.g. generated targets); nothing to read.
          continue;
        }
        if (target.isFile()) files.push(path);
        else if (target.isDirectory() && followSymlinks) {
          const real = realpathSync(join(root, path));
          if (visited.has(real)) {
            diagnostics.push(diagnostic('scan/symlink-loop', 'warning', `symbolic link to a directory already walked (${real === realpathSync(root) ? 'the tree root' : 'a loop'}); not followed again`, { file: path }));
          } else {
            visited.add(real);
            stack.push(path);
          }
        }
      }
    }
  }
  // Unsorted: the pipeline sorts what it reports; sorting 90k paths here would cost more than the walk's syscalls.
  return { files, diagnostics };
}

async function readFromDisk(root: string, paths: string[]): Promise<Map<string, Buffer | Error>> {
  const out = new Map<string, Buffer | Error>();
  for (const p of paths) {
    try {
      out.set(p, readFileSync(`${root}/${p}`));
    } catch (e) {
      out.set(p, e as Error);
    }
  }
  return out;
}

function openGitRev(root: string, rev: string): TreeReader {
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
  return {
    files: [...blobs.keys()].sort(),
    diagnostics: [],
    mode: 'git-rev',
    read: (paths) => catFileBatch(root, paths, blobs),
  };
}

/** Read many blobs with one `git cat-file --batch` process. */
function catFileBatch(root: string, paths: string[], blobs: Map<string, string>): Promise<Map<string, Buffer | Error>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, Buffer | Error>();
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
        out.set(p, buf.subarray(nl + 1, nl + 1 + size));
        pos = nl + 1 + size + 1;
      }
      resolve(out);
    });
    child.stdin.end(wanted.map((p) => blobs.get(p)).join('\n') + '\n');
  });
}
