/**
 * `gatewatch history <repo>` on a repository the test builds: v6.0 (no Rust), v6.1 (Rust arrives), v6.2 (a feature
 * added above the others), v6.3-rc1 (a feature gone, a flag added, minimum 1.78), v6.3 (minimum 1.83, so
 * const_mut_refs, stable since 1.83.0, becomes removable).
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { HISTORY_SCHEMA, type HistoryDocument } from '../../src/model/history.js';
import { HISTORY_CSV_HEADER } from '../../src/reporters/history/csv.js';
import { runCli } from '../helpers/cli.js';
import { buildReleaseRepo, git } from './git-repo.js';

const repo = buildReleaseRepo('kernel-releases');
afterAll(() => rmSync(repo, { recursive: true, force: true }));

async function history(...args: string[]): Promise<HistoryDocument> {
  const r = await runCli(['history', repo, ...args, '--json', '--no-cache']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as HistoryDocument;
}

describe('history of release tags', () => {
  it('takes the release tags oldest first, from the first with Rust, without release candidates', async () => {
    const h = await history();
    expect(h.schema).toBe(HISTORY_SCHEMA);
    expect(h.series.map((p) => p.rev)).toEqual(['v6.1', 'v6.2', 'v6.3']);
    expect(h.series.map((p) => p.tag)).toEqual(['v6.1', 'v6.2', 'v6.3']);
  });

  it('gives each point its commit, commit date, kernel version, minimum rustc, features and flags', async () => {
    const [v61, v62, v63] = (await history()).series;
    expect(v61!.commit).toBe(git(repo, 'rev-parse', 'v6.1^{commit}').trim());
    expect(v61!.date).toBe('2024-02-01T12:00:00+02:00');
    expect(v61!.kernelVersion).toBe('6.1');
    expect(v61!.rustMinVersion).toBe('1.62.0');
    expect(v61!.features).toEqual(['allocator_api', 'const_mut_refs']);
    // The flag as -Zname in the registry's spelling, without its value `=y`.
    expect(v61!.flags).toEqual(['-Zbinary-dep-depinfo']);
    expect(v62!.features).toEqual(['allocator_api', 'arbitrary_self_types', 'const_mut_refs']);
    expect(v63!.rustMinVersion).toBe('1.83.0');
    expect(v63!.flags).toEqual(['-Zbinary-dep-depinfo', '-Zfunction-sections']);
  });

  it('counts gates by class at each revision\'s own minimum rustc, with the done ratio', async () => {
    const [v61, , v63] = (await history()).series;
    // At 1.62, const_mut_refs (stable in 1.83.0) can go only later; allocator_api and the flag are blockers. The
    // done ratio is the report's: a gate that needs an unstable compiler at the tree's own minimum is not done,
    // even when a later release stabilised it.
    expect(v61!.counts).toEqual({ 'removable-at': 1, blocker: 2 });
    expect(v61!.done).toEqual({ total: 3, remaining: 3, ratio: 0 });
    expect(v63!.counts).toEqual({ removable: 1, blocker: 3 });
    expect(v63!.done).toEqual({ total: 4, remaining: 3, ratio: 0.25 });
  });

  it('lists events: added, removed and class changed, each with the revision before', async () => {
    const h = await history();
    expect(h.events).toEqual([
      { type: 'added', name: 'arbitrary_self_types', kind: 'feature', rev: 'v6.2', previousRev: 'v6.1' },
      { type: 'added', name: '-Zfunction-sections', kind: 'flag', rev: 'v6.3', previousRev: 'v6.2' },
      { type: 'removed', name: 'allocator_api', kind: 'feature', rev: 'v6.3', previousRev: 'v6.2' },
      { type: 'class-changed', name: 'const_mut_refs', kind: 'feature', rev: 'v6.3', previousRev: 'v6.2', from: 'removable-at', to: 'removable' },
    ]);
  });

  it('--include-rc keeps release candidates, in version order before their release', async () => {
    const h = await history('--include-rc');
    expect(h.series.map((p) => p.rev)).toEqual(['v6.1', 'v6.2', 'v6.3-rc1', 'v6.3']);
    expect(h.events.filter((e) => e.rev === 'v6.3-rc1').map((e) => `${e.type} ${e.name}`)).toEqual(['added -Zfunction-sections', 'removed allocator_api']);
    expect(h.events.filter((e) => e.rev === 'v6.3').map((e) => `${e.type} ${e.name}`)).toEqual(['class-changed const_mut_refs']);
  });

  it('--tags chooses the tags with git\'s glob', async () => {
    expect((await history('--tags', 'v6.[12]')).series.map((p) => p.rev)).toEqual(['v6.1', 'v6.2']);
    expect((await history('--tags', '*-rc*', '--include-rc')).series.map((p) => p.rev)).toEqual(['v6.3-rc1']);
  });

  it('named revisions are taken in the order given, with their tags', async () => {
    const h = await history('v6.3', 'main~3');
    expect(h.series.map((p) => [p.rev, p.tag])).toEqual([
      ['v6.3', 'v6.3'],
      ['main~3', 'v6.1'],
    ]);
  });

  it('a commit whose tree is unchanged is not scanned again: same point, no event', async () => {
    // A commit of v6.2's tree on top of v6.2, outside any branch or tag.
    const same = git(repo, 'commit-tree', 'v6.2^{tree}', '-p', 'v6.2', '-m', 'only a message').trim();
    const r = await runCli(['history', repo, 'v6.2', same, '--json', '--no-cache', '--progress', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const h = JSON.parse(r.stdout) as HistoryDocument;
    expect(h.series[1]!.commit).toBe(same);
    expect(h.series[1]!.features).toEqual(h.series[0]!.features);
    expect(h.events).toEqual([]);
    const details = r.stderr.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { detail?: string }).detail);
    expect(details).toContain(`${same} (same tree as v6.2)`);
  });
});

describe('history reporters', () => {
  it('the terminal shows the table, the burndown and the events', async () => {
    const r = await runCli(['history', repo, '--no-cache']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\s+rev\s+date\s+kernel\s+min rustc/m);
    expect(r.stdout).toMatch(/^\s+v6\.1\s+2024-02-01\s+6\.1\s+1\.62\.0/m);
    expect(r.stdout).toContain('Burndown');
    expect(r.stdout).toMatch(/v6\.1\s+█+ 3 left of 3/);
    expect(r.stdout).toMatch(/v6\.3\s+█+░+ 3 left of 4/);
    expect(r.stdout).toContain('- 1 feature removed: allocator_api');
    expect(r.stdout).toContain('~ feature const_mut_refs: removable-at -> removable');
  });

  it('--csv has a header and a row per revision', async () => {
    const r = await runCli(['history', repo, '--csv', '--no-cache']);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(HISTORY_CSV_HEADER.join(','));
    expect(lines).toHaveLength(4);
    expect(lines[3]!.split(',').slice(0, 2)).toEqual(['v6.3', 'v6.3']);
  });

  it('--markdown has a table, the burndown and the events', async () => {
    const r = await runCli(['history', repo, '--markdown', '--no-cache']);
    expect(r.stdout).toMatch(/^\| rev +\| date/m);
    expect(r.stdout).toContain('```text');
    expect(r.stdout).toContain('### `v6.3` (since v6.2)');
  });
});
