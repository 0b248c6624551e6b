/**
 * A git work tree of a kernel for the benchmark: a kernel developer's checkout is a git tree, which gatewatch lists
 * with `git ls-files` instead of walking. Made once under .cache/bench/ from an unpacked tree: a copy of hard links
 * (no file is copied; the bench only reads them), every file added and committed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file in the work tree naming the tree it was made from, written last: a later bench reuses a finished one. */
const MARKER = '.gatewatch-bench-source';

/** The git work tree at `dir` made from `source` (made now unless an earlier bench made it already). */
export function benchGitTree(source: string, dir: string): string {
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  if (existsSync(join(dir, MARKER)) && readFileSync(join(dir, MARKER), 'utf8') === source) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  execFileSync('cp', ['-al', source, dir]);
  git('init', '-q', '-b', 'main');
  // -f: the tree's own .gitignore files name build outputs; whatever an unpacked tarball holds is its source.
  git('add', '-f', '-A', '.');
  git('commit', '-q', '-m', 'bench: the unpacked tree');
  writeFileSync(join(dir, MARKER), source);
  return dir;
}
