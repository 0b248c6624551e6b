/**
 * Bad input to `gatewatch history`: what cannot start (not a repository, an unknown revision, a tag glob that
 * matches nothing) exits 2 with one line; a revision whose objects are missing is a diagnostic on its point, and
 * the series goes on. Two runs at once share the scan cache safely.
 */
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/errors.js';
import type { HistoryDocument } from '../../src/model/history.js';
import { runCli } from '../helpers/cli.js';
import { buildReleaseRepo, git } from './git-repo.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-history-bad-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The loose object file of an object id. */
const objectFile = (repo: string, id: string) => join(repo, '.git', 'objects', id.slice(0, 2), id.slice(2));

describe('a history that cannot start: one line, exit 2', () => {
  const repo = buildReleaseRepo('kernel-releases', tmp);

  it('a directory that is not a git repository', async () => {
    const plain = mkdtempSync(join(tmp, 'plain-'));
    const r = await runCli(['history', plain]);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toBe(`gatewatch: not a git repository: ${plain}\n`);
    expect(r.stdout).toBe('');
  });

  it('a path that does not exist', async () => {
    const r = await runCli(['history', join(tmp, 'nowhere')]);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('an unknown revision', async () => {
    const r = await runCli(['history', repo, 'v6.1', 'v9.9']);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toBe(`gatewatch: unknown revision: v9.9 in ${repo}\n`);
  });

  it('a tag glob that matches nothing', async () => {
    const r = await runCli(['history', repo, '--tags', 'release-*']);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toBe(`gatewatch: no release tag of ${repo} matches \`release-*\` (release candidates need --include-rc)\n`);
  });

  it('diff of an unknown revision', async () => {
    const r = await runCli(['diff', 'v6.1', 'v9.9', '--repo', repo]);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr).toBe(`gatewatch: unknown revision: v9.9 in ${repo}\n`);
  });
});

describe('a revision that cannot be read: a diagnostic on its point, the series goes on', () => {
  it('a missing blob (as in a damaged or partial clone)', async () => {
    const repo = buildReleaseRepo('kernel-releases', tmp);
    // v6.2's lib.rs is in no other release.
    unlinkSync(objectFile(repo, git(repo, 'rev-parse', 'v6.2:rust/kernel/lib.rs').trim()));
    const r = await runCli(['history', repo, '--json', '--no-cache']);
    expect(r.code, r.stderr).toBe(0);
    const h = JSON.parse(r.stdout) as HistoryDocument;
    expect(h.series.map((p) => p.rev)).toEqual(['v6.1', 'v6.2', 'v6.3']);
    const v62 = h.series[1]!;
    expect(v62.diagnostics).toContainEqual(expect.objectContaining({ code: 'scan/unreadable-file', severity: 'error', file: 'rust/kernel/lib.rs' }));
    expect(h.series[2]!.features).toEqual(['arbitrary_self_types', 'const_mut_refs']);
  });

  it('a missing tree object: the point is unreadable, its neighbours are compared with each other', async () => {
    const repo = buildReleaseRepo('kernel-releases', tmp);
    unlinkSync(objectFile(repo, git(repo, 'rev-parse', 'v6.2^{tree}').trim()));
    const r = await runCli(['history', repo, '--json', '--no-cache']);
    expect(r.code, r.stderr).toBe(0);
    const h = JSON.parse(r.stdout) as HistoryDocument;
    const v62 = h.series[1]!;
    expect(v62.rev).toBe('v6.2');
    expect(v62.readable).toBe(false);
    expect(v62.diagnostics).toEqual([expect.objectContaining({ code: 'history/unreadable-revision', severity: 'error' })]);
    expect(h.series[2]!.readable).toBe(true);
    // v6.3 against v6.1: allocator_api went away; arbitrary_self_types came (v6.2 could not tell when).
    expect(h.events.filter((e) => e.rev === 'v6.3').map((e) => `${e.type} ${e.name} since ${e.previousRev}`)).toEqual(
      expect.arrayContaining(['added arbitrary_self_types since v6.1', 'removed allocator_api since v6.1']),
    );
    const text = await runCli(['history', repo, '--no-cache']);
    expect(text.stdout).toMatch(/v6\.2\s+\(unreadable\)/);
  });

  it('a submodule: a warning on each point that has it', async () => {
    const repo = buildReleaseRepo('kernel-releases', tmp);
    const sub = buildReleaseRepo('kernel-releases', tmp);
    git(repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'rust/vendored');
    git(repo, 'commit', '-q', '-m', 'vendor a crate as a submodule');
    const r = await runCli(['history', repo, 'v6.3', 'main', '--json', '--no-cache']);
    expect(r.code, r.stderr).toBe(0);
    const h = JSON.parse(r.stdout) as HistoryDocument;
    expect(h.series[0]!.diagnostics).toEqual([]);
    expect(h.series[1]!.diagnostics).toContainEqual(expect.objectContaining({ code: 'history/submodule-not-scanned', file: 'rust/vendored' }));
  });
});

describe('two history runs at once', () => {
  it('share the scan cache and give the same series as a run without it', async () => {
    const repo = buildReleaseRepo('kernel-releases', tmp);
    const cache = mkdtempSync(join(tmp, 'cache-'));
    const env = { NO_COLOR: '1', GATEWATCH_CACHE_DIR: cache };
    const [a, b] = await Promise.all([runCli(['history', repo, '--json', '--include-rc'], { env }), runCli(['history', repo, '--json', '--include-rc'], { env })]);
    const fresh = await runCli(['history', repo, '--json', '--include-rc', '--no-cache']);
    const again = await runCli(['history', repo, '--json', '--include-rc'], { env });
    const series = (r: { stdout: string }) => (JSON.parse(r.stdout) as HistoryDocument).series;
    for (const r of [a, b, again]) {
      expect(r.code, r.stderr).toBe(0);
      expect(series(r)).toEqual(series(fresh));
    }
  });
});
