/**
 * A history run reads and parses each blob once: a file unchanged since an earlier revision of the run (the same
 * blob) is neither read from git nor decoded from the store again, whether the store was empty or full.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildHistoryInputs, resolveHistoryInputs } from '../../src/inputs/history.js';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { openStore } from '../../src/store/store.js';
import { buildReleaseRepo, git } from './git-repo.js';

const repo = buildReleaseRepo('kernel-releases');
const stores = [mkdtempSync(join(tmpdir(), 'gatewatch-history-store-')), mkdtempSync(join(tmpdir(), 'gatewatch-history-store-'))];
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  for (const dir of stores) rmSync(dir, { recursive: true, force: true });
});

// Two more commits after v6.3, each changing one Rust file: `more-1` and `more-2`.
git(repo, 'checkout', '-q', 'v6.3');
for (const step of [1, 2]) {
  appendFileSync(join(repo, 'rust/kernel/lib.rs'), `// step ${step}\n`);
  git(repo, 'commit', '-q', '-a', '-m', `step ${step}`);
  git(repo, 'tag', `more-${step}`);
}

async function scans(storeDir: string, revs: string[]): Promise<ScanSnapshot[]> {
  const inputs = resolveHistoryInputs({ repository: repo, revs, cwd: repo });
  const facts = await buildHistoryInputs(inputs, { store: openStore(storeDir, { code: 'test' }) });
  return facts.revisions.map((r) => r.scan!);
}

/** The occurrences of `file` in a scan. */
const occurrencesIn = (scan: ScanSnapshot, file: string) => scan.occurrences.filter((o) => o.file === file);

describe('a history run reads each blob once', () => {
  it('with an empty store, a revision reads only the files whose blobs the run has not seen', async () => {
    const [first, second, third] = await scans(stores[0]!, ['v6.3', 'more-1', 'more-2']);
    expect(first!.stats.filesRead).toBeGreaterThan(1);
    expect(second!.stats.filesRead).toBe(1);
    expect(second!.stats.filesFromCache).toBe(first!.stats.filesRead - 1);
    expect(third!.stats.filesRead).toBe(1);
    // The facts of an unchanged file are the objects found at the first revision, not a copy decoded again.
    const unchanged = occurrencesIn(first!, 'Makefile');
    expect(unchanged.length).toBeGreaterThan(0);
    expect(occurrencesIn(third!, 'Makefile')).toHaveLength(unchanged.length);
    occurrencesIn(third!, 'Makefile').forEach((o, i) => expect(o).toBe(unchanged[i]));
  });

  it('with facts kept by an earlier run, a blob\'s facts are decoded from the store once for the whole run', async () => {
    const [earlier] = await scans(stores[1]!, ['v6.3']);
    const [second, third] = await scans(stores[1]!, ['more-1', 'more-2']);
    // Only the changed file is read at each revision; the others come from the store.
    expect(second!.stats.filesRead).toBe(1);
    expect(second!.stats.filesFromCache).toBe(earlier!.stats.filesRead - 1);
    expect(third!.stats.filesRead).toBe(1);
    const kept = occurrencesIn(second!, 'Makefile');
    expect(kept).toEqual(occurrencesIn(earlier!, 'Makefile'));
    occurrencesIn(third!, 'Makefile').forEach((o, i) => expect(o).toBe(kept[i]));
  });
});
