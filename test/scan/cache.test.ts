import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { buildScan, type ScanOptions } from '../../src/scan/build-scan.js';
import { codeFingerprint, openScanCache } from '../../src/scan/cache.js';
import { scanSources } from '../../src/sources/index.js';
import { runCli } from '../helpers/cli.js';
import { fixture, kernelTree } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(tmp, `c${n++}`);

/** The document without what differs between two scans of the same tree (timing, counts of reads, time of day). */
function facts(scan: ScanSnapshot) {
  const { stats, generator, ...rest } = scan;
  return { ...rest, filesConsidered: stats.filesConsidered };
}

/**
 * Scan twice with one cache, trusting every file written up to now (the tests write their trees just before, and
 * a file's timestamp can fall in the current millisecond).
 */
async function twice(options: ScanOptions) {
  const cacheDir = freshDir();
  const first = await buildScan({ ...options, cacheDir, trustBeforeMs: Date.now() + 1 });
  const second = await buildScan({ ...options, cacheDir, trustBeforeMs: Date.now() + 1 });
  return { first, second, cacheDir };
}

/**
 * Real trees are protected by the cache's 2 s rule: nothing changed within 2 s of a scan is trusted, so a later
 * change always lands on a later clock tick. These tests trust files written a moment ago (to keep them fast), so
 * before changing a tree they wait for the filesystem clock to move on, as the rule would have them wait.
 */
const nextTick = () => new Promise((resolve) => setTimeout(resolve, 25));

/**
 * Scan twice with the cache: the first scan keeps the files' facts and the walk without its directory listings, the
 * second takes the walk's fast path and the kept plan. Returns the second scan.
 */
async function primed(tree: string, cacheDir: string) {
  await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
  const second = await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
  expect(second.stats.filesRead).toBe(0);
  return second;
}

const kernelish = () => {
  const tree = join(tmp, `tree${n++}`);
  mkdirSync(join(tree, 'rust', 'kernel'), { recursive: true });
  mkdirSync(join(tree, 'drivers', 'net'), { recursive: true });
  writeFileSync(join(tree, 'rust', 'kernel', 'lib.rs'), '#![feature(lib_gate)]\n');
  writeFileSync(join(tree, 'drivers', 'net', 'phy_rust.rs'), '#![feature(driver_gate)]\n');
  writeFileSync(join(tree, 'drivers', 'net', 'Makefile'), 'obj-y += x.o\n');
  writeFileSync(join(tree, 'Makefile'), 'KBUILD_RUSTFLAGS += -Zfirst-flag\n');
  return tree;
};
/** A kernel-like tree made a git repository with one commit, on branch `main`. */
const committedKernelish = () => {
  const repo = kernelish();
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  return repo;
};

describe('scan cache', () => {
  it('a second scan of an unchanged tree reads no file and finds the same facts (every fixture)', async () => {
    for (const group of ['scan', 'cargo']) {
      for (const name of readdirSync(fixture(group))) {
        // Fixtures are checked out now and then: copy them so their stamps are older than the scan.
        const tree = join(tmp, `${group}-${name}`);
        cpSync(fixture(group, name), tree, { recursive: true });
        const { first, second } = await twice({ tree });
        expect(facts(second), `${group}/${name}`).toEqual(facts(first));
        expect(second.stats.filesRead, `${group}/${name}`).toBe(0);
        expect(second.stats.filesFromCache, `${group}/${name}`).toBe(first.stats.filesRead);
      }
    }
  });

  it('a changed file is read again, even with its size and mtime put back', async () => {
    const tree = kernelish();
    const cacheDir = freshDir();
    await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
    const lib = join(tree, 'rust', 'kernel', 'lib.rs');
    const before = statSync(lib);
    await nextTick();
    writeFileSync(lib, '#![feature(lib_gatf)]\n');
    utimesSync(lib, before.atime, before.mtime);
    const again = await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
    expect(again.occurrences.map((o) => o.name)).toEqual(['-Zfirst-flag', 'driver_gate', 'lib_gatf'].sort());
    expect(again.stats.filesRead).toBe(1);
  });

  it('a file added to or removed from a walked directory is seen', async () => {
    const tree = kernelish();
    const cacheDir = freshDir();
    await primed(tree, cacheDir);
    await nextTick();
    writeFileSync(join(tree, 'drivers', 'net', 'Kbuild'), 'rustflags-y += -Znew-flag\n');
    unlinkSync(join(tree, 'Makefile'));
    const again = await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
    expect(again.occurrences.map((o) => `${o.file} ${o.name}`)).toEqual(['drivers/net/Kbuild -Znew-flag', 'drivers/net/phy_rust.rs driver_gate', 'rust/kernel/lib.rs lib_gate']);
  });

  it('the first scan keeps the walk without directory listings: the second of an unchanged tree stats directories only; a change brings the listings', async () => {
    const tree = kernelish();
    const cacheDir = freshDir();
    const kept = () => openScanCache(cacheDir, realpathSync(tree), 'disk', codeFingerprint(scanSources.map((s) => s.name))).load()!;
    const first = await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
    const walk = kept().walk!;
    expect(walk.order.split('\n').map((l) => l.split('\t')[0])).toEqual(['', 'rust', 'rust/kernel', 'drivers', 'drivers/net']);
    expect(typeof walk.listings === 'function' ? walk.listings() : walk.listings).toBeUndefined();
    expect(kept().plan).toBeDefined();
    // Unchanged: the kept walk is this walk, so nothing is written again.
    const before = statSync(join(cacheDir, readdirSync(cacheDir)[0]!)).mtimeMs;
    const second = await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
    expect(facts(second)).toEqual(facts(first));
    expect(second.stats.filesRead).toBe(0);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(statSync(join(cacheDir, readdirSync(cacheDir)[0]!)).mtimeMs).toBe(before);
    // A change: every directory is read again (there are no listings to reuse), and now they are kept.
    await nextTick();
    writeFileSync(join(tree, 'drivers', 'Kbuild'), 'rustflags-y += -Zafter-first\n');
    const third = await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
    expect(facts(third)).toEqual(facts(await buildScan({ tree })));
    const listings = kept().walk!.listings;
    expect(JSON.parse((typeof listings === 'function' ? listings() : listings)!)).toHaveProperty('drivers');
  });

  it('a changed symbolic link is seen, and lost directory listings only mean reading directories again', async () => {
    const tree = kernelish();
    // The link's target is outside the tree: removing it changes no directory of the tree, only the link.
    const outside = join(tmp, `outside${n++}.rs`);
    writeFileSync(outside, '#![feature(through_link)]\n');
    symlinkSync(outside, join(tree, 'drivers', 'net', 'linked.rs'));
    const cacheDir = freshDir();
    const first = await primed(tree, cacheDir);
    expect(first.occurrences.filter((o) => o.name === 'through_link').map((o) => o.file)).toEqual(['drivers/net/linked.rs']);
    await nextTick();
    unlinkSync(outside);
    const dangling = await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
    expect(dangling.occurrences.filter((o) => o.name === 'through_link')).toEqual([]);
    expect(facts(dangling)).toEqual(facts(await buildScan({ tree })));
    for (const f of readdirSync(cacheDir)) if (f.endsWith('.dirs.json')) unlinkSync(join(cacheDir, f));
    await nextTick();
    writeFileSync(join(tree, 'rust', 'Makefile'), 'x += -Zafter-loss\n');
    const again = await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
    expect(facts(again)).toEqual(facts(await buildScan({ tree })));
    expect(again.occurrences.map((o) => o.name)).toContain('-Zafter-loss');
  });

  it('facts that depend on other files are found again when those change (a new lib.rs makes a crate)', async () => {
    const tree = kernelish();
    const cacheDir = freshDir();
    const first = await primed(tree, cacheDir);
    expect(first.occurrences.find((o) => o.name === 'driver_gate')?.crate).toBe('phy_rust');
    await nextTick();
    writeFileSync(join(tree, 'drivers', 'net', 'lib.rs'), '// a crate root, no gates\n');
    const again = await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
    expect(again.occurrences.find((o) => o.name === 'driver_gate')?.crate).toBe('net');
    const fresh = await buildScan({ tree });
    expect(facts(again)).toEqual(facts(fresh));
  });

  it('files changed within the last 2 s are not trusted: they are read again next time', async () => {
    const tree = kernelish();
    const cacheDir = freshDir();
    const first = await buildScan({ tree, cacheDir });
    const again = await buildScan({ tree, cacheDir });
    // Everything was just written, so nothing could be cached.
    expect(again.stats.filesFromCache).toBe(0);
    expect(again.stats.filesRead).toBe(first.stats.filesRead);
    expect(first.stats.filesRead).toBeGreaterThan(0);
  });

  it('a cache from other code, or an unreadable one, is ignored; a cache that cannot be written is skipped', async () => {
    const tree = kernelish();
    const { first, cacheDir } = await twice({ tree });
    const file = readdirSync(cacheDir).find((f) => !f.endsWith('.dirs.json'));
    const text = readFileSync(join(cacheDir, file!), 'utf8');
    expect(text).toMatch(/"code":"[^"]+"/);
    writeFileSync(join(cacheDir, file!), text.replace(/"code":"[^"]+"/, '"code":"other"'));
    const other = await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
    expect(other.stats.filesFromCache).toBe(0);
    expect(facts(other)).toEqual(facts(first));
    writeFileSync(join(cacheDir, file!), text.slice(0, text.length / 2));
    const broken = await buildScan({ tree, cacheDir, trustBeforeMs: Date.now() + 1 });
    expect(facts(broken)).toEqual(facts(first));
    if (process.getuid?.() !== 0) {
      const locked = freshDir();
      mkdirSync(locked);
      chmodSync(locked, 0o500);
      const unwritable = await buildScan({ tree, cacheDir: join(locked, 'sub'), trustBeforeMs: Date.now() + 1 });
      expect(facts(unwritable)).toEqual(facts(first));
    }
    const notADir = join(tmp, `file${n++}`);
    writeFileSync(notADir, '');
    expect(facts(await buildScan({ tree, cacheDir: notADir, trustBeforeMs: Date.now() + 1 }))).toEqual(facts(first));
  });

  it('a git revision is cached by blob ids', async () => {
    const repo = committedKernelish();
    const { first, second } = await twice({ tree: repo, rev: 'main' });
    expect(second.stats.filesRead).toBe(0);
    expect(second.stats.filesFromCache).toBe(first.stats.filesRead);
    expect(facts(second)).toEqual(facts(first));
  });

  it('a git work tree keeps its plan while `git ls-files` lists the same files, and sees a new one', async () => {
    const repo = committedKernelish();
    const cacheDir = freshDir();
    const first = await buildScan({ tree: repo, cacheDir, trustBeforeMs: Date.now() + 1 });
    const second = await buildScan({ tree: repo, cacheDir, trustBeforeMs: Date.now() + 1 });
    expect(second.stats.filesRead).toBe(0);
    expect(facts(second)).toEqual(facts(first));
    // An untracked file is listed too (`--others`): the listing differs, so the plan is made again.
    await nextTick();
    writeFileSync(join(repo, 'drivers', 'net', 'Kbuild'), 'rustflags-y += -Zuntracked\n');
    const third = await buildScan({ tree: repo, cacheDir, trustBeforeMs: Date.now() + 1 });
    expect(third.occurrences.map((o) => o.name)).toContain('-Zuntracked');
    expect(facts(third)).toEqual(facts(await buildScan({ tree: repo })));
  });

  it('the CLI uses $GATEWATCH_CACHE_DIR, and writes nothing with --no-cache', async () => {
    const tree = kernelish();
    const cacheDir = freshDir();
    const env = { NO_COLOR: '1', GATEWATCH_CACHE_DIR: cacheDir };
    const off = await runCli(['scan', '--json', '--no-cache', tree], { env });
    expect(off.code).toBe(0);
    expect(() => readdirSync(cacheDir)).toThrow();
    const on = await runCli(['scan', '--json', tree], { env });
    // The first scan keeps the files' facts and the walk; the next full walk (here: the tree is younger than 2 s, so
    // its stamps are not trusted) keeps the directory listings too, apart.
    const names = () => readdirSync(cacheDir).map((f) => f.replace(/[0-9a-f]{24}/, 'KEY')).sort();
    expect(names()).toEqual(['scan-KEY.json']);
    const again = await runCli(['scan', '--json', tree], { env });
    expect(facts(JSON.parse(again.stdout) as ScanSnapshot)).toEqual(facts(JSON.parse(off.stdout) as ScanSnapshot));
    expect(names()).toEqual(['scan-KEY.dirs.json', 'scan-KEY.json']);
    expect(facts(JSON.parse(on.stdout) as ScanSnapshot)).toEqual(facts(JSON.parse(off.stdout) as ScanSnapshot));
    expect((JSON.parse(off.stdout) as ScanSnapshot).stats.filesFromCache).toBeUndefined();
  });
});

describe('scan cache on real trees', () => {
  for (const version of ['6.12', '6.1'] as const) {
    const tree = kernelTree(version);
    it.skipIf(!tree)(`linux ${version}: a warm scan equals a cold one and reads no file`, async () => {
      const cold = await buildScan({ tree: tree! });
      const { first, second } = await twice({ tree: tree! });
      expect(facts(first)).toEqual(facts(cold));
      expect(facts(second)).toEqual(facts(cold));
      expect(second.stats.filesRead).toBe(0);
      expect(second.stats.filesFromCache).toBe(cold.stats.filesRead);
    }, 60_000);
  }
});
