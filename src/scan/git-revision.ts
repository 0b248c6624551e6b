/**
 * A git revision's files, read from its trees and blobs by one `git cat-file --batch` (src/scan/git-objects.ts):
 * no checkout. A blob's id is its stamp.
 */
import { GatewatchError } from '../core/errors.js';
import { openGitObjects, type GitObjects, type GitTreeFile } from './git-objects.js';
import { nonUtf8Name } from './raw-names.js';
import type { FileSelector } from './select.js';
import type { FileRead, TreeReader } from './tree-reader.js';

/** A revision of the repository at `root`, read from git objects; `shared`: a reader of them kept by the caller. */
export async function openGitRev(root: string, rev: string, select: FileSelector | undefined, shared: GitObjects | undefined): Promise<TreeReader> {
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
