/**
 * A git work tree's files, as `git ls-files --cached --others --exclude-standard` lists them
 * (https://git-scm.com/docs/git-ls-files): tracked files, and untracked ones no ignore rule covers.
 *
 * With a store, the listing is kept with the stamps of everything it depends on: every directory (the walk of
 * walk.ts tells an added, removed or renamed file), the index (`git add`, `git rm`), and every ignore rule (the
 * tree's `.gitignore` files, `info/exclude`, git's configuration files and the excludes file they name). When none
 * changed, git would list the same files: the kept listing is the listing, and no git process runs. Finding
 * untracked files is most of `git ls-files`'s time, and it is the walk git's untracked cache makes too.
 */
import type * as ChildProcess from 'node:child_process';
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { displayName, isUtf8 } from './raw-names.js';
import type { GitListing, OpenTreeOptions, TreeReader } from './tree-reader.js';
import { stampOf, statQuietly, under, unreadableTree, walkDirectory } from './walk.js';

/** node:child_process, loaded only for git trees: a plain directory's scan never pays for loading it. */
let childProcess: typeof ChildProcess | undefined;
const childProcesses = () => (childProcess ??= createRequire(import.meta.url)('node:child_process') as typeof ChildProcess);

/** Whether `root` holds a `.git` (a directory, or the file of a linked work tree or submodule). */
export function hasDotGit(root: string): boolean {
  try {
    lstatSync(join(root, '.git'));
    return true;
  } catch {
    return false;
  }
}

/** Whether `root` is the top directory of a git work tree (git says so, and it is this directory, not one above). */
export function isGitWorkTreeRoot(root: string): boolean {
  if (!hasDotGit(root)) return false;
  try {
    const top = childProcesses().execFileSync('git', ['-C', root, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return realpathSync(top) === realpathSync(root);
  } catch {
    return false;
  }
}

/** The files git lists in the work tree at `root`, or null when git fails; names not UTF-8 go into `odd` (gitLines). */
export function listWorkTreeFiles(root: string, odd: Map<string, Buffer>): Promise<string[] | null> {
  return gitLines(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], odd);
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

/**
 * A git work tree listed with the store's help: the walk (a stat per directory when nothing changed) and the stamps
 * of the index and the ignore rules say whether the kept listing still holds. When one changed, or on a first scan,
 * git lists the files, and the listing is kept with stamps that must be older than git's start: a change made while
 * git runs is never hidden behind the stamp it ended with. The walk leaves out the directories git ignores (a
 * Cargo `target/` can hold more directories than the sources). Undefined when `root` is no work tree's top
 * directory: it is then a plain directory.
 */
export async function openKeptGitWorkTree(
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
    listWorkTreeFiles(root, odd),
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
