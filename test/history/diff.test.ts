/**
 * `gatewatch diff`: two fixture trees, two revisions of a repository the test builds, and two scan documents; each
 * side judged at its own minimum rustc.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { computeDiff } from '../../src/analyses/diff.js';
import { DIFF_SCHEMA, type DiffDocument } from '../../src/model/history.js';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { loadBundledRegistry } from '../../src/registry/load.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { buildReleaseRepo } from './git-repo.js';

const repo = buildReleaseRepo('kernel-releases');
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const release = (name: string) => fixture('history', 'kernel-releases', name);

async function diff(...args: string[]): Promise<DiffDocument> {
  const r = await runCli(['diff', ...args, '--json', '--no-cache']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as DiffDocument;
}

const names = (list: DiffDocument['added']) => list.map((e) => e.name);

describe('diff of two trees', () => {
  it('a feature added above the others: added, and the others moved down a line', async () => {
    const d = await diff(release('v6.1-rust-arrives'), release('v6.2-adds-a-feature'));
    expect(d.schema).toBe(DIFF_SCHEMA);
    expect(names(d.added)).toEqual(['arbitrary_self_types']);
    expect(d.added[0]!.after).toEqual([expect.objectContaining({ file: 'rust/kernel/lib.rs', line: 6 })]);
    expect(d.added[0]!).toMatchObject({ classBefore: null, classAfter: 'blocker', before: [] });
    expect(names(d.removed)).toEqual([]);
    expect(names(d.moved)).toEqual(['allocator_api', 'const_mut_refs']);
    expect(d.moved[0]!.before[0]!.line).toBe(6);
    expect(d.moved[0]!.after[0]!.line).toBe(7);
    // A tree is labelled by its directory's name, never by the local path it was read at.
    expect(d.old).toEqual({ label: 'v6.1-rust-arrives', kernelVersion: '6.1', rustMinVersion: '1.62.0' });
  });

  it('the minimum raised: a class change, a feature removed, a flag added', async () => {
    const d = await diff(release('v6.2-adds-a-feature'), release('v6.3-minimum-raised'));
    expect(d.new.rustMinVersion).toBe('1.83.0');
    expect(names(d.removed)).toEqual(['allocator_api']);
    expect(d.removed[0]).toMatchObject({ classBefore: 'blocker', classAfter: null, after: [] });
    expect(names(d.added)).toEqual(['-Zfunction-sections']);
    expect(d.classChanged.map((e) => [e.name, e.classBefore, e.classAfter])).toEqual([['const_mut_refs', 'removable-at', 'removable']]);
  });

  it('a tree against itself: nothing', async () => {
    const d = await diff(release('v6.2-adds-a-feature'), release('v6.2-adds-a-feature'));
    expect([d.added, d.removed, d.moved, d.classChanged]).toEqual([[], [], [], []]);
    const text = await runCli(['diff', release('v6.2-adds-a-feature'), release('v6.2-adds-a-feature'), '--no-cache']);
    expect(text.stdout).toContain('No gate was added, removed, moved or reclassified.');
  });
});

describe('diff of two revisions', () => {
  it('reads both from git objects', async () => {
    const d = await diff('v6.1', 'v6.3', '--repo', repo);
    expect(d.old.label).toBe('v6.1');
    expect(d.new).toEqual({ label: 'v6.3', kernelVersion: '6.3', rustMinVersion: '1.83.0' });
    expect(names(d.added)).toEqual(['arbitrary_self_types', '-Zfunction-sections']);
    expect(names(d.removed)).toEqual(['allocator_api']);
  });

  it('--markdown is a pull request comment: a heading, a summary, lists with places', async () => {
    const r = await runCli(['diff', 'v6.1', 'v6.2', '--repo', repo, '--markdown', '--no-cache']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^### Unstable Rust gates: `v6\.1` → `v6\.2`$/m);
    expect(r.stdout).toContain('1 added, 0 removed, 2 moved, 0 class changed');
    expect(r.stdout).toContain('* `arbitrary_self_types` (feature) blocker, used in `rust/kernel/lib.rs:6`');
    expect(r.stdout).toContain('* `allocator_api` (feature) from `rust/kernel/lib.rs:6` to `rust/kernel/lib.rs:7`');
  });

  it('the terminal shows each list as a table', async () => {
    const r = await runCli(['diff', 'v6.2', 'v6.3', '--repo', repo, '--no-cache']);
    expect(r.stdout).toMatch(/^Class changed \(1\)$/m);
    expect(r.stdout).toMatch(/const_mut_refs\s+feature\s+removable-at -> removable/);
  });
});

describe('diff of two scan documents', () => {
  it('the bundled 6.1 and 6.12 scans with the bundled registry, as computeDiff computes it', async () => {
    const old = fixture('..', 'data', 'scans', 'linux-6.1.json');
    const now = fixture('..', 'data', 'scans', 'linux-6.12.json');
    // A registry document is taken as it is (no compiler asked about the names it lacks), as computeDiff takes it.
    const d = await diff(old, now, '--registry', fixture('..', 'data', 'registry.json'));
    const { readFileSync } = await import('node:fs');
    const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as ScanSnapshot;
    const expected = computeDiff({ label: old, scan: read(old) }, { label: now, scan: read(now) }, loadBundledRegistry());
    expect(d).toEqual(expected);
    // 6.1 vendored alloc with its own gates; 6.12 does not.
    expect(names(d.removed)).toContain('allocator_internals');
    expect(d.old.rustMinVersion).toBe('1.62.0');
    expect(d.new.rustMinVersion).toBe('1.78.0');
  });
});
