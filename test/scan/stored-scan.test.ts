import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { buildScan, type ScanOptions } from '../../src/scan/build-scan.js';
import { openStore } from '../../src/store/store.js';
import { runCli } from '../helpers/cli.js';
import { fixture, kernelTree } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-stored-scan-'));
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
  const first = await buildScan({ ...options, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
  const second = await buildScan({ ...options, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
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
  await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
  const second = await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
  expect(second.stats.filesRead).toBe(0);
  return second;
}

/** The store's entry files in `dir`, by the first part of their key (`scan/listing`, `scan/files`, ...). */
const entryFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.entry')).map((f) => join(dir, f));
const kindOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8').split('\n', 1)[0]!) as { key: string }).key.split('\0')[0]!;
const entryKinds = (dir: string) => entryFiles(dir).map(kindOf).sort();
const entryFile = (dir: string, kind: string) => entryFiles(dir).find((f) => kindOf(f) === kind)!;
const entryText = (dir: string, kind: string) => readFileSync(entryFile(dir, kind), 'utf8');

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

describe('stored scans', () => {
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
    await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    const lib = join(tree, 'rust', 'kernel', 'lib.rs');
    const before = statSync(lib);
    await nextTick();
    writeFileSync(lib, '#![feature(lib_gatf)]\n');
    utimesSync(lib, before.atime, before.mtime);
    const again = await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
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
    const again = await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    expect(again.occurrences.map((o) => `${o.file} ${o.name}`)).toEqual(['drivers/net/Kbuild -Znew-flag', 'drivers/net/phy_rust.rs driver_gate', 'rust/kernel/lib.rs lib_gate']);
  });

  it('the first scan keeps the walk without directory listings: the second of an unchanged tree stats directories only; a change brings the listings', async () => {
    const tree = kernelish();
    const cacheDir = freshDir();
    const first = await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    expect(entryKinds(cacheDir)).toEqual(['scan/collect', 'scan/files', 'scan/listing']);
    const listing = entryText(cacheDir, 'scan/listing');
    for (const dir of ['rust/kernel', 'drivers/net']) expect(listing).toContain(`${dir}\t`);
    // Unchanged: the kept walk is this walk, so nothing is written again.
    const before = entryFiles(cacheDir).map((f) => statSync(f).mtimeMs);
    const second = await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    expect(facts(second)).toEqual(facts(first));
    expect(second.stats.filesRead).toBe(0);
    expect(entryFiles(cacheDir).map((f) => statSync(f).mtimeMs)).toEqual(before);
    // A change: every directory is read again (there are no listings to reuse), and now they are kept.
    await nextTick();
    writeFileSync(join(tree, 'drivers', 'Kbuild'), 'rustflags-y += -Zafter-first\n');
    const third = await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    expect(facts(third)).toEqual(facts(await buildScan({ tree })));
    expect(entryKinds(cacheDir)).toEqual(['scan/collect', 'scan/dir-listings', 'scan/files', 'scan/listing']);
    expect(entryText(cacheDir, 'scan/dir-listings')).toContain('drivers');
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
    const dangling = await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    expect(dangling.occurrences.filter((o) => o.name === 'through_link')).toEqual([]);
    expect(facts(dangling)).toEqual(facts(await buildScan({ tree })));
    unlinkSync(entryFile(cacheDir, 'scan/dir-listings'));
    await nextTick();
    writeFileSync(join(tree, 'rust', 'Makefile'), 'x += -Zafter-loss\n');
    const again = await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
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
    const again = await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    expect(again.occurrences.find((o) => o.name === 'driver_gate')?.crate).toBe('net');
    const fresh = await buildScan({ tree });
    expect(facts(again)).toEqual(facts(fresh));
  });

  it('files changed within the last 2 s are not trusted: they are read again next time', async () => {
    const tree = kernelish();
    const cacheDir = freshDir();
    const first = await buildScan({ tree, store: openStore(cacheDir) });
    const again = await buildScan({ tree, store: openStore(cacheDir) });
    // Everything was just written, so nothing could be cached.
    expect(again.stats.filesFromCache).toBe(0);
    expect(again.stats.filesRead).toBe(first.stats.filesRead);
    expect(first.stats.filesRead).toBeGreaterThan(0);
  });

  it('entries from other code, or damaged ones, are ignored; a store that cannot be written is skipped', async () => {
    const tree = kernelish();
    const { first, cacheDir } = await twice({ tree });
    // The files' facts are what a scan falls back on when the whole collect step cannot be reused.
    rmSync(entryFile(cacheDir, 'scan/collect'));
    const file = entryFile(cacheDir, 'scan/files');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/"code":"[^"]+"/);
    writeFileSync(file, text.replace(/"code":"[^"]+"/, '"code":"other"'));
    const other = await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    expect(other.stats.filesFromCache).toBe(0);
    expect(facts(other)).toEqual(facts(first));
    writeFileSync(file, text.slice(0, text.length / 2));
    const broken = await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    expect(facts(broken)).toEqual(facts(first));
    if (process.getuid?.() !== 0) {
      const locked = freshDir();
      mkdirSync(locked);
      chmodSync(locked, 0o500);
      const unwritable = await buildScan({ tree, store: openStore(join(locked, 'sub')), trustBeforeMs: Date.now() + 1 });
      expect(facts(unwritable)).toEqual(facts(first));
    }
    const notADir = join(tmp, `file${n++}`);
    writeFileSync(notADir, '');
    expect(facts(await buildScan({ tree, store: openStore(notADir), trustBeforeMs: Date.now() + 1 }))).toEqual(facts(first));
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
    const first = await buildScan({ tree: repo, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    const second = await buildScan({ tree: repo, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    expect(second.stats.filesRead).toBe(0);
    expect(facts(second)).toEqual(facts(first));
    // An untracked file is listed too (`--others`): the listing differs, so the plan is made again.
    await nextTick();
    writeFileSync(join(repo, 'drivers', 'net', 'Kbuild'), 'rustflags-y += -Zuntracked\n');
    const third = await buildScan({ tree: repo, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    expect(third.occurrences.map((o) => o.name)).toContain('-Zuntracked');
    expect(facts(third)).toEqual(facts(await buildScan({ tree: repo })));
  });

  describe('a git work tree kept with its walk', () => {
    /** A committed kernel-like tree with an ignored directory holding a gate that only a walk would find. */
    const withIgnored = () => {
      const repo = committedKernelish();
      const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { stdio: 'pipe' });
      writeFileSync(join(repo, '.gitignore'), 'build/\n');
      mkdirSync(join(repo, 'build'));
      writeFileSync(join(repo, 'build', 'gen.rs'), '#![feature(ignored_gate)]\n');
      writeFileSync(join(repo, 'drivers', 'net', 'extra.rs'), '#![feature(untracked_gate)]\n');
      git('add', '.gitignore');
      git('commit', '-q', '-m', 'ignore build/');
      return { repo, git };
    };
    const names = (scan: ScanSnapshot) => scan.occurrences.map((o) => o.name).sort();
    const scanWith = (repo: string, cacheDir: string) => buildScan({ tree: repo, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    /** That tree scanned twice with a new store (the second scan from the kept listing), ready to be changed. */
    async function primedWithIgnored() {
      const { repo, git } = withIgnored();
      const cacheDir = freshDir();
      const first = await scanWith(repo, cacheDir);
      await scanWith(repo, cacheDir);
      await nextTick();
      return { repo, git, cacheDir, first };
    }

    /** Run `f` with no git on the PATH: a git process it starts fails. */
    async function withoutGit<T>(f: () => Promise<T>): Promise<T> {
      const path = process.env.PATH;
      process.env.PATH = join(tmp, 'no-such-bin');
      try {
        return await f();
      } finally {
        process.env.PATH = path;
      }
    }

    it('an unchanged work tree is listed from the store, with no git process: ignored files stay out', async () => {
      const { repo } = withIgnored();
      const cacheDir = freshDir();
      const first = await scanWith(repo, cacheDir);
      expect(names(first)).toEqual(['-Zfirst-flag', 'driver_gate', 'lib_gate', 'untracked_gate']);
      await scanWith(repo, cacheDir);
      // Without git the tree would be walked as a plain directory, and build/gen.rs's gate would show.
      const third = await withoutGit(() => scanWith(repo, cacheDir));
      expect(third.stats.filesRead).toBe(0);
      expect(facts(third)).toEqual(facts(first));
      // The same tree without the store and without git: a plain directory, ignored files included.
      expect(names(await withoutGit(() => buildScan({ tree: repo })))).toContain('ignored_gate');
    });

    it('a .gitignore edited in place (no directory changes) makes git list the files again', async () => {
      const { repo, cacheDir } = await primedWithIgnored();
      writeFileSync(join(repo, '.gitignore'), 'target/\n');
      const after = await scanWith(repo, cacheDir);
      expect(names(after)).toContain('ignored_gate');
      expect(facts(after)).toEqual(facts(await buildScan({ tree: repo })));
    });

    it('the walk leaves out the directories git ignores: a change inside one needs no git process', async () => {
      const { repo, cacheDir, first } = await primedWithIgnored();
      mkdirSync(join(repo, 'build', 'deeper'));
      writeFileSync(join(repo, 'build', 'deeper', 'more.rs'), '#![feature(more_ignored)]\n');
      // Were build/ walked, its changed stamp would send the scan to git, and without git to a plain walk.
      const after = await withoutGit(() => scanWith(repo, cacheDir));
      expect(facts(after)).toEqual(facts(first));
    });

    it('a directory no longer ignored is walked again: a file added in it later is seen', async () => {
      const { repo, cacheDir } = await primedWithIgnored();
      writeFileSync(join(repo, '.gitignore'), 'target/\n');
      expect(names(await scanWith(repo, cacheDir))).toContain('ignored_gate');
      await scanWith(repo, cacheDir);
      await nextTick();
      mkdirSync(join(repo, 'build', 'later'));
      writeFileSync(join(repo, 'build', 'later', 'new.rs'), '#![feature(later_gate)]\n');
      const after = await scanWith(repo, cacheDir);
      expect(names(after)).toContain('later_gate');
      expect(facts(after)).toEqual(facts(await buildScan({ tree: repo })));
    });

    it('the index (git add -f, git rm --cached) and info/exclude are part of what the kept listing depends on', async () => {
      const { repo, git, cacheDir } = await primedWithIgnored();
      git('add', '-f', 'build/gen.rs');
      expect(names(await scanWith(repo, cacheDir))).toContain('ignored_gate');
      await nextTick();
      git('rm', '-q', '--cached', 'build/gen.rs');
      expect(names(await scanWith(repo, cacheDir))).not.toContain('ignored_gate');
      await nextTick();
      writeFileSync(join(repo, '.git', 'info', 'exclude'), 'extra.rs\n');
      const excluded = await scanWith(repo, cacheDir);
      expect(names(excluded)).not.toContain('untracked_gate');
      expect(facts(excluded)).toEqual(facts(await buildScan({ tree: repo })));
    });
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
    expect(entryKinds(cacheDir)).toEqual(['scan/files', 'scan/listing']);
    const again = await runCli(['scan', '--json', tree], { env });
    expect(facts(JSON.parse(again.stdout) as ScanSnapshot)).toEqual(facts(JSON.parse(off.stdout) as ScanSnapshot));
    expect(entryKinds(cacheDir)).toEqual(['scan/dir-listings', 'scan/files', 'scan/listing']);
    expect(facts(JSON.parse(on.stdout) as ScanSnapshot)).toEqual(facts(JSON.parse(off.stdout) as ScanSnapshot));
    expect((JSON.parse(off.stdout) as ScanSnapshot).stats.filesFromCache).toBeUndefined();
  });
});

describe('what the store keeps apart and what it shares (issue 14.11, 14.12)', () => {
  it('follow-symlinks is part of the key: a plain scan after a followed one never reports the files behind a link', async () => {
    const tree = kernelish();
    const outside = join(tmp, `outside-dir${n++}`);
    mkdirSync(outside);
    writeFileSync(join(outside, 'behind.rs'), '#![feature(behind_link)]\n');
    symlinkSync(outside, join(tree, 'drivers', 'linked'));
    const cacheDir = freshDir();
    const names = (scan: ScanSnapshot) => scan.occurrences.map((o) => `${o.file} ${o.name}`);
    const followed = await buildScan({ tree, followSymlinks: true, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    expect(names(followed)).toContain('drivers/linked/behind.rs behind_link');
    for (let k = 0; k < 2; k++) {
      const plain = await buildScan({ tree, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
      expect(names(plain)).not.toContain('drivers/linked/behind.rs behind_link');
      expect(facts(plain)).toEqual(facts(await buildScan({ tree })));
    }
    const again = await buildScan({ tree, followSymlinks: true, store: openStore(cacheDir), trustBeforeMs: Date.now() + 1 });
    expect(facts(again)).toEqual(facts(followed));
    expect(again.stats.filesRead).toBe(0);
  });

  it('git revisions share facts by blob id: a blob read at one revision is never read again at another', async () => {
    const repo = committedKernelish();
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { stdio: 'pipe' });
    git('tag', 'one');
    writeFileSync(join(repo, 'drivers', 'net', 'phy_rust.rs'), '#![feature(driver_gate, second_gate)]\n');
    git('commit', '-q', '-am', 'second');
    const cacheDir = freshDir();
    const first = await buildScan({ tree: repo, rev: 'one', store: openStore(cacheDir) });
    const second = await buildScan({ tree: repo, rev: 'main', store: openStore(cacheDir) });
    // Only the one changed file is read at the second revision; everything else is the first revision's blobs.
    expect(second.stats.filesRead).toBe(1);
    expect(second.stats.filesFromCache).toBe(first.stats.filesRead - 1);
    expect(facts(second)).toEqual(facts(await buildScan({ tree: repo, rev: 'main' })));
    // Both revisions' blobs are kept: the first revision again reads nothing.
    const firstAgain = await buildScan({ tree: repo, rev: 'one', store: openStore(cacheDir) });
    expect(firstAgain.stats.filesRead).toBe(0);
    expect(facts(firstAgain)).toEqual(facts(first));
  });

  it('a damaged store is a miss: an edited fact (stale checksum), a renamed key (checksum made again), never a crash', async () => {
    const tree = kernelish();
    const { first, cacheDir: dir } = await twice({ tree });
    const fresh = facts(first);
    // An edited fact: its entry's checksum no longer holds, so it is not used (nor the whole collect step, which
    // would otherwise be used first: it is tested on its own).
    rmSync(entryFile(dir, 'scan/collect'));
    const filesEntry = entryFile(dir, 'scan/files');
    writeFileSync(filesEntry, readFileSync(filesEntry, 'utf8').replace('lib_gate', 'lib_gatX'));
    const edited = await buildScan({ tree, store: openStore(dir), trustBeforeMs: Date.now() + 1 });
    expect(facts(edited)).toEqual(fresh);
    expect(edited.stats.filesFromCache).toBe(0);
    // Entries edited by someone who also made the checksum again: the shape check refuses them. (One more scan
    // first: a walk after a change keeps the directory listings.)
    await nextTick();
    writeFileSync(join(tree, 'rust', 'Kbuild'), '# a change\n');
    await buildScan({ tree, store: openStore(dir), trustBeforeMs: Date.now() + 1 });
    await nextTick();
    writeFileSync(join(tree, 'drivers', 'Kbuild'), 'rustflags-y += -Zafter-damage\n');
    const store = openStore(dir);
    const rewrite = (kind: string, edit: (body: string) => string) => {
      const text = readFileSync(entryFile(dir, kind), 'utf8');
      const key = (JSON.parse(text.split('\n', 1)[0]!) as { key: string }).key;
      const body = store.get(key);
      expect(body, kind).toBeDefined();
      const edited = edit(body!);
      expect(edited, kind).not.toBe(body);
      expect(store.put(key, edited)).toBe(true);
    };
    // The walk is kept, but a directory changed: its listings are read, and refused.
    rewrite('scan/dir-listings', (b) => b.replaceAll('\\"links\\"', '\\"liwks\\"'));
    rewrite('scan/files', (b) => b.replaceAll('"occurrences"', '"occurrencez"'));
    const damaged = await buildScan({ tree, store: openStore(dir), trustBeforeMs: Date.now() + 1 });
    expect(facts(damaged)).toEqual(facts(await buildScan({ tree })));
    expect(damaged.occurrences.map((o) => o.name)).toContain('-Zafter-damage');
    // The walk itself, and facts whose places lost their names.
    rewrite('scan/listing', (b) => b.replace('"fileCount"', '"fileCounX"'));
    rewrite('scan/files', (b) => b.replaceAll('"file":', '"fiel":'));
    rewrite('scan/collect', (b) => b.replaceAll('"file":', '"fiel":'));
    const walkDamaged = await buildScan({ tree, store: openStore(dir), trustBeforeMs: Date.now() + 1 });
    expect(facts(walkDamaged)).toEqual(facts(damaged));
    // Lines whose facts fail the check are read again; intact lines (files that gave nothing) stay kept.
    expect(walkDamaged.stats.filesRead).toBe(walkDamaged.occurrences.length);
    // And the CLI says nothing of it.
    const cli = await runCli(['scan', '--json', tree], { env: { NO_COLOR: '1', GATEWATCH_CACHE_DIR: dir } });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
  });
});

describe('symbolic links git lists as files', () => {
  it('a link to a directory or to nothing is no file to read: no error, as in a plain directory, with a store or without', async () => {
    const repo = kernelish();
    mkdirSync(join(repo, 'scripts', 'prefixes'), { recursive: true });
    // A `.rs` name, so that the plan wants it: the kernel's scripts/dtc/include-prefixes/ links are wanted the same way.
    symlinkSync('../../rust', join(repo, 'scripts', 'prefixes', 'to_dir.rs'));
    symlinkSync('../../nowhere', join(repo, 'scripts', 'prefixes', 'dangling.rs'));
    symlinkSync('../../rust/kernel/lib.rs', join(repo, 'scripts', 'prefixes', 'to_file.rs'));
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'links');
    expect(git('ls-files', 'scripts').toString()).toContain('to_dir.rs');
    const plain = join(tmp, `plain${n++}`);
    cpSync(repo, plain, { recursive: true, verbatimSymlinks: true });
    rmSync(join(plain, '.git'), { recursive: true });
    const dir = freshDir();
    const scans = [
      await buildScan({ tree: repo, label: 'tree' }),
      await buildScan({ tree: repo, label: 'tree', store: openStore(dir), trustBeforeMs: Date.now() + 1 }),
      await buildScan({ tree: repo, label: 'tree', store: openStore(dir), trustBeforeMs: Date.now() + 1 }),
    ];
    // The same facts as the plain directory's; git's count of the files it lists counts the links too.
    const found = (scan: ScanSnapshot) => ({ ...facts(scan), filesConsidered: undefined });
    const expected = found(await buildScan({ tree: plain, label: 'tree' }));
    for (const scan of scans) {
      expect(scan.diagnostics).toEqual([]);
      // The link to a file is read through, like any file.
      expect(scan.occurrences.filter((o) => o.name === 'lib_gate').map((o) => o.file).sort()).toEqual(['rust/kernel/lib.rs', 'scripts/prefixes/to_file.rs']);
      expect(found(scan)).toEqual(expected);
      expect(scan.stats.filesConsidered).toBe(7);
    }
    expect(scans[2]!.stats.filesRead).toBe(0);
  });
});

describe('the whole collect step, kept', () => {
  it('serves an unchanged tree alone; an edit, or an entry of the wrong shape, falls back to the files', async () => {
    const tree = kernelish();
    const dir = freshDir();
    const first = await buildScan({ tree, store: openStore(dir), trustBeforeMs: Date.now() + 1 });
    expect(first.stats.filesRead).toBeGreaterThan(0);
    // Without the files' facts, the kept collect step alone gives the same scan, reading nothing.
    const filesEntry = entryFile(dir, 'scan/files');
    const filesText = readFileSync(filesEntry, 'utf8');
    writeFileSync(filesEntry, 'not an entry');
    const second = await buildScan({ tree, store: openStore(dir), trustBeforeMs: Date.now() + 1 });
    expect(facts(second)).toEqual(facts(first));
    expect(second.stats.filesRead).toBe(0);
    expect(second.stats.filesFromCache).toBe(first.stats.filesRead);
    writeFileSync(filesEntry, filesText);
    // An edit in place changes no directory: the file's stamp says so, that file is read, the rest are kept.
    await nextTick();
    writeFileSync(join(tree, 'drivers', 'net', 'phy_rust.rs'), '#![feature(driver_gate, edited_gate)]\n');
    const third = await buildScan({ tree, store: openStore(dir), trustBeforeMs: Date.now() + 1 });
    expect(third.stats.filesRead).toBe(1);
    expect(third.occurrences.map((o) => o.name)).toContain('edited_gate');
    expect(facts(third)).toEqual(facts(await buildScan({ tree })));
    // The edit is kept: the next scan reads nothing.
    const fourth = await buildScan({ tree, store: openStore(dir), trustBeforeMs: Date.now() + 1 });
    expect(fourth.stats.filesRead).toBe(0);
    expect(facts(fourth)).toEqual(facts(third));
    // An entry whose checksum was made again over facts of the wrong shape is refused: the files' facts serve.
    const store = openStore(dir);
    const key = (JSON.parse(entryText(dir, 'scan/collect').split('\n', 1)[0]!) as { key: string }).key;
    const body = store.get(key)!;
    expect(body).toContain('"occurrences"');
    expect(store.put(key, body.replaceAll('"occurrences"', '"occurrencez"'))).toBe(true);
    const refused = await buildScan({ tree, store: openStore(dir), trustBeforeMs: Date.now() + 1 });
    expect(facts(refused)).toEqual(facts(third));
    expect(refused.stats.filesRead).toBe(0);
    // And one of the right shape is what the scan gives: it is the collect step, not a check on the side.
    expect(store.put(key, body.replaceAll('edited_gate', 'kept_gate'))).toBe(true);
    const used = await buildScan({ tree, store: openStore(dir), trustBeforeMs: Date.now() + 1 });
    expect(used.occurrences.map((o) => o.name)).toContain('kept_gate');
  });
});

describe('stored scans of real trees', () => {
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
