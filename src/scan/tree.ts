/**
 * Where the files of a tree come from: a plain directory (walked, src/scan/walk.ts), a git work tree (listed by
 * git, src/scan/git-work-tree.ts), or a git revision (read from git objects, src/scan/git-revision.ts; no
 * checkout). Every file path is relative, with `/`.
 *
 * A plain directory is walked in full, ignoring `.gitignore`: Debian's kernel tarball ships a top-level
 * `.gitignore` that ignores everything, and a kernel tree has no build output worth skipping before a build.
 * Directory symlinks are not followed (as git and ripgrep do) unless asked; then a loop is a diagnostic.
 */
import { statSync } from 'node:fs';
import { GatewatchError } from '../core/errors.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { openGitRev } from './git-revision.js';
import { hasDotGit, isGitWorkTreeRoot, listWorkTreeFiles, openKeptGitWorkTree } from './git-work-tree.js';
import { nonUtf8Name } from './raw-names.js';
import { readFromDisk } from './read-files.js';
import type { OpenTreeOptions, TreeReader } from './tree-reader.js';
import { stampOf, statQuietly, systemRoot, under, unreadableTree, walkDirectory } from './walk.js';

/** Filesystem timestamps can be as coarse as 2 s (FAT); within that a second change may leave every stamp alone. */
const RACY_MS = 2000;

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
    const listing = listWorkTreeFiles(root, odd);
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
