import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('--rev on a subdirectory reads that subdirectory of the revision, paths relative to it', async () => {
    const scan = await buildScan({ tree: join(repo, 'rust'), rev: 'v1' });
    expect(scan.occurrences.map((o) => `${o.file} ${o.name}`)).toEqual(['kernel/lib.rs old_gate']);
  });

  it('--rev on a directory that is not a git repository says exactly that, without git\'s own lines', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'gatewatch-not-git-'));
    try {
      writeFileSync(join(plain, 'lib.rs'), '#![feature(x)]\n');
      const r = await runCli(['scan', plain, '--rev', 'HEAD']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^gatewatch: not a git repository: .*gatewatch-not-git-/);
      expect(r.stderr).not.toContain('fatal:');
      const unknown = await runCli(['scan', repo, '--rev', 'no-such-rev']);
      expect(unknown.stderr).not.toContain('fatal:');
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('report and check take --rev; every header and document names the tree by its name and revision, not its path', async () => {
    const report = await runCli(['report', repo, '--rev', 'v1', '--json', '--progress', 'none']);
    expect(report.code, report.stderr).toBe(0);
    const name = repo.slice(repo.lastIndexOf('/') + 1);
    expect(JSON.parse(report.stdout).tree).toBe(`${name}@v1`);
    const markdown = await runCli(['report', repo, '--rev', 'v1', '--markdown', '--progress', 'none']);
    // Markdown escapes the `@` (no autolink); the title is the name and the revision.
    expect(markdown.stdout.split('\n')[0]!.replace('\\@', '@')).toBe(`# Stable Rust readiness: ${name}@v1`);
    expect(markdown.stdout).not.toContain(tmpdir());
    const baseline = join(repo, '..', `${name}-baseline.json`);
    try {
      expect((await runCli(['check', repo, '--rev', 'v1', '--baseline', baseline, '--write-baseline'])).code).toBe(0);
      const written = JSON.parse(readFileSync(baseline, 'utf8'));
      expect(written.tree).toBe(`${name}@v1`);
      expect(written.gates.map((g: { name: string }) => g.name)).toEqual(['old_gate']);
      // The baseline as a user names it, from where it lives.
      const check = await runCli(['check', repo, '--baseline', `${name}-baseline.json`, '--sarif', '--label', 'linux', '--progress', 'none'], { cwd: join(repo, '..') });
      expect(check.code).toBe(1);
      expect(check.stdout).not.toContain(tmpdir());
      expect(JSON.parse(check.stdout).runs[0].properties.tree).toBe('linux');
    } finally {
      rmSync(baseline, { force: true });
    }
  });
});
