/**
 * What a history needs from git, asked without a checkout: the repository's top directory, its release tags in
 * version order, the first one with Rust in it, and each commit's tree and date. Few processes: a tag listing, and
 * one `cat-file --batch` for every commit and for where Rust begins.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { GatewatchError } from '../core/errors.js';

/** Run git in `repo`; the output, or null when git fails. */
function git(repo: string, args: string[]): string | null {
  try {
    return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  } catch {
    return null;
  }
}

/** The repository at `path` (its top directory, or a bare repository); E_NO_TREE in one line when it is none. */
export function openGitRepository(path: string): string {
  let real: string;
  try {
    if (!statSync(path).isDirectory()) throw new Error('not a directory');
    real = realpathSync(path);
  } catch {
    throw new GatewatchError('E_NO_TREE', `not a git repository: ${path} (no such directory)`);
  }
  const out = git(real, ['rev-parse', '--is-bare-repository', '--show-toplevel']);
  if (out === null) throw new GatewatchError('E_NO_TREE', `not a git repository: ${path}`);
  const [bare, top] = out.trim().split('\n');
  if (bare === 'true') return real;
  // A directory inside a repository is not a repository of its own: its history is the enclosing one's.
  if (top === undefined || realpathSync(top) !== real) throw new GatewatchError('E_NO_TREE', `not a git repository: ${path} (it lies inside ${top ?? 'another repository'})`);
  return real;
}

/** A tag and the commit it names. */
export interface GitTag {
  name: string;
  commit: string;
}

/** Tags matching `glob` (git's wildmatch, as `git tag --list`), in version order with `-rcN` before the release. */
export function listTags(repo: string, glob: string): GitTag[] {
  const out = git(repo, ['-c', 'versionsort.suffix=-rc', 'tag', '--list', '--sort=v:refname', '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)', glob]);
  if (out === null) throw new GatewatchError('E_GIT', `git could not list the tags of ${repo}`);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name, object, peeled] = line.split('\0');
      // An annotated tag names a tag object; the commit is its peeled object.
      return { name: name!, commit: peeled || object! };
    });
}

/** Every tag of the repository by the commit it names (the first in version order wins). */
export function tagsByCommit(repo: string): Map<string, string> {
  const byCommit = new Map<string, string>();
  for (const t of listTags(repo, '*')) if (!byCommit.has(t.commit)) byCommit.set(t.commit, t.name);
  return byCommit;
}

/** `-rc1`, `-rc12`: a release candidate. */
export const isReleaseCandidate = (tag: string) => /-rc\d*$/i.test(tag);

/** The shape of a kernel release tag (`v6.1`, and `v6.2-rc3` when candidates are wanted). */
export const RELEASE_TAG = /^v\d+\.\d+(?:-rc\d+)?$/;

/** Commit id of a revision the user named; E_GIT in one line when git knows none. */
export function resolveCommit(repo: string, rev: string): string {
  const out = rev.startsWith('-') ? null : git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (out === null) throw new GatewatchError('E_GIT', `unknown revision: ${rev} in ${repo}`);
  return out.trim();
}

/**
 * Index of the first tag whose tree has Rust (`hasRust`, one answer per tag), by binary search (Rust, once in a
 * tree, stays in later releases), or 0 when none has: the user then sees every tag they asked for.
 */
export function firstWithRust(hasRust: readonly boolean[]): number {
  if (hasRust.length === 0 || !hasRust[hasRust.length - 1]) return 0;
  let lo = 0;
  let hi = hasRust.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hasRust[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A commit's tree, committer date and submodules, or why they cannot be had (a missing object in a shallow clone). */
export type CommitInfo = { tree: string; date: string; submodules: string[] } | { error: string };

/** Committer date `1700000000 +0100` as ISO 8601 in that offset's own time. */
function isoDate(seconds: number, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  const local = new Date((seconds + minutes * 60) * 1000).toISOString().slice(0, 19);
  return `${local}${offset.slice(0, 3)}:${offset.slice(3, 5)}`;
}

/**
 * The objects `git cat-file --batch` gave for `names`, in order: the body, or null for a missing one; `ok` false
 * when git itself failed.
 */
function catFileBatch(repo: string, names: readonly string[]): { ok: boolean; bodies: (string | null)[] } {
  const r = spawnSync('git', ['-C', repo, 'cat-file', '--batch'], { input: names.join('\n') + '\n', maxBuffer: 1 << 28 });
  const buf = r.stdout ?? Buffer.alloc(0);
  let pos = 0;
  const bodies = names.map(() => {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) return null;
    const size = Number(buf.subarray(pos, nl).toString('utf8').split(' ')[2]);
    if (!Number.isFinite(size)) {
      pos = nl + 1;
      return null;
    }
    const body = buf.subarray(nl + 1, nl + 1 + size).toString('utf8');
    pos = nl + 1 + size + 1;
    return body;
  });
  return { ok: r.status === 0, bodies };
}

/**
 * Tree, date and submodule paths of many commits with one `git cat-file --batch`: each commit, then each commit's
 * `.gitmodules` (a submodule's files live in another repository, and are never scanned).
 */
export function readCommits(repo: string, commits: readonly string[]): Map<string, CommitInfo> {
  return readCommitsAnd(repo, commits, []).commits;
}

/** What marks a tree with Rust at its top: a kernel's `rust/`, a Cargo workspace, a toolchain file. */
const RUST_MARKS = ['rust', 'Cargo.toml', 'rust-toolchain', 'rust-toolchain.toml'];

/**
 * `readCommits` of the commits of tags, and for each tag whether its tree has Rust at its top, in the same git
 * process. A tree that cannot be read counts as having Rust: the series shows what is wrong with it rather than
 * hiding it.
 */
export function readTagCommits(repo: string, tags: readonly GitTag[]): { commits: Map<string, CommitInfo>; hasRust: boolean[] } {
  const per = 1 + RUST_MARKS.length;
  const names = tags.flatMap((t) => [`${t.commit}^{tree}`, ...RUST_MARKS.map((m) => `${t.commit}:${m}`)]);
  const { commits, extra, ok } = readCommitsAnd(repo, tags.map((t) => t.commit), names);
  const found = (i: number) => !ok || extra[i] !== null;
  const hasRust = tags.map((_, k) => !found(k * per) || RUST_MARKS.some((_, m) => found(k * per + 1 + m)));
  return { commits, hasRust };
}

/** `readCommits`, with the bodies of `extra` names asked of the same process. */
function readCommitsAnd(repo: string, commits: readonly string[], extraNames: readonly string[]): { commits: Map<string, CommitInfo>; extra: (string | null)[]; ok: boolean } {
  const out = new Map<string, CommitInfo>();
  const unique = [...new Set(commits)];
  if (unique.length === 0 && extraNames.length === 0) return { commits: out, extra: [], ok: true };
  const { ok, bodies } = catFileBatch(repo, [...unique, ...unique.map((c) => `${c}:.gitmodules`), ...extraNames]);
  unique.forEach((id, i) => {
    const text = bodies[i];
    if (text === null || text === undefined) {
      out.set(id, { error: `commit ${id} cannot be read (a missing object: a shallow clone or a damaged repository)` });
      return;
    }
    const tree = /^tree ([0-9a-f]+)$/m.exec(text)?.[1];
    const committer = /^committer .* (\d+) ([+-]\d{4})$/m.exec(text);
    if (!tree || !committer) {
      out.set(id, { error: `commit ${id} has no tree or committer line` });
      return;
    }
    const modules = bodies[unique.length + i];
    const submodules = modules ? [...modules.matchAll(/^\s*path\s*=\s*(.+?)\s*$/gm)].map((m) => m[1]!) : [];
    out.set(id, { tree, date: isoDate(Number(committer[1]), committer[2]!), submodules });
  });
  return { commits: out, extra: bodies.slice(2 * unique.length), ok };
}
