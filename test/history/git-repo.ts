/**
 * Small git repositories built by the tests themselves: each release of fixtures/history/<case>/ committed in turn
 * (the work tree replaced by that directory), with a commit date a day apart and a tag named for the directory's
 * prefix (`v6.3-rc1-candidate` is tagged `v6.3-rc1`).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture } from '../helpers/paths.js';

/** Run git in `dir` with a fixed identity; returns its output. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, '-c', 'user.name=gatewatch test', '-c', 'user.email=test@example.invalid', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The tag a release directory is committed under: its name up to the first word after the version. */
const tagOf = (release: string) => /^(v\d+\.\d+(?:-rc\d+)?)/.exec(release)![1]!;

/** Release directories of a fixture case, in the order they are committed (their names sort in release order). */
function releasesOf(caseName: string): string[] {
  return readdirSync(fixture('history', caseName)).sort();
}

/** Build the repository of a fixture case in a new temporary directory; returns its path. */
export function buildReleaseRepo(caseName: string, parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, `gatewatch-history-${caseName}-`));
  git(dir, 'init', '-q', '-b', 'main');
  releasesOf(caseName).forEach((release, i) => {
    for (const entry of readdirSync(dir)) if (entry !== '.git') rmSync(join(dir, entry), { recursive: true, force: true });
    cpSync(fixture('history', caseName, release), dir, { recursive: true });
    git(dir, 'add', '-A');
    const date = `2024-0${Math.min(9, i + 1)}-01T12:00:00+02:00`;
    execFileSync('git', ['-C', dir, '-c', 'user.name=gatewatch test', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', release], {
      env: { ...process.env, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
    });
    git(dir, 'tag', tagOf(release));
  });
  return dir;
}
