import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScan } from '../../src/scan/build-scan.js';
import { runCli } from '../helpers/cli.js';

const repo = mkdtempSync(join(tmpdir(), 'gatewatch-git-'));
const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { stdio: 'pipe' });

beforeAll(() => {
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'rust', 'kernel'), { recursive: true });
  writeFileSync(join(repo, 'rust', 'kernel', 'lib.rs'), '#![feature(old_gate)]\n');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  git('tag', 'v1');
  writeFileSync(join(repo, 'rust', 'kernel', 'lib.rs'), '#![feature(new_gate)]\n');
  writeFileSync(join(repo, '.gitignore'), 'ignored.rs\n');
  writeFileSync(join(repo, 'ignored.rs'), '#![feature(ignored_gate)]\n');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('git trees', () => {
  it('reads a revision from git objects, without a checkout', async () => {
    const scan = await buildScan({ tree: repo, rev: 'v1' });
    expect(scan.occurrences.map((o) => `${o.file} ${o.name} ${o.crate}`)).toEqual(['rust/kernel/lib.rs old_gate kernel']);
    expect(scan.tree).toBe(`${repo}@v1`);
  });

  it('reads the work tree through git ls-files, honouring .gitignore there', async () => {
    const scan = await buildScan({ tree: repo });
    expect(scan.occurrences.map((o) => o.name)).toEqual(['new_gate']);
  });

  it('a revision git does not know is a one-line error with exit 2', async () => {
    const r = await runCli(['scan', repo, '--rev', 'no-such-rev']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a revision of a git repository: no-such-rev');
  });
});
