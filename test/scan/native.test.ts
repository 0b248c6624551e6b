import { isUtf8 } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { buildScan } from '../../src/scan/build-scan.js';
import { fastFs } from '../../src/scan/native.js';
import { fileSelector } from '../../src/scan/select.js';
import { openTree, type FileRead } from '../../src/scan/tree.js';
import { walkDirectory, type WalkResult } from '../../src/scan/walk.js';
import { scanSources } from '../../src/sources/index.js';
import { fixture, kernelTree } from '../helpers/paths.js';

// The native walker and reader (native/fastfs.c) must give exactly what the JavaScript ones give: the same files
// in the same order, the same cache texts, bytes, stamps and checks. CI builds it (`npm ci`); elsewhere these
// tests say so and skip when it was not built.
const built = fastFs() !== null;
if (!built) console.warn('skipping native walker tests: build/Release/fastfs.node was not built (scripts/build-native.mjs needs a C compiler)');
if (process.env.CI && !built) throw new Error('CI must build the native walker: scripts/build-native.mjs failed or was not run');

const PIPELINE = { names: ['Makefile', 'Makefile.build', 'Kbuild', 'Kconfig', 'Cargo.toml', 'lib.rs'] };
const selector = fileSelector([PIPELINE, ...scanSources.map((s) => s.interest)]);
const markers = [...new Set(scanSources.flatMap((s) => s.markers ?? []))];
const trees = () => [fixture(), ...(['6.12', '6.1'] as const).map((v) => kernelTree(v)).filter((t): t is string => t !== null)];

/** A walk's result as data (cache listings read back from their text, for a readable difference). */
function walkData(w: WalkResult) {
  const cache = w.cache && { ...w.cache, listings: typeof w.cache.listings === 'string' ? JSON.parse(w.cache.listings) : null };
  return { ...w, cache };
}

async function bothWalks(root: string, options: { select?: typeof selector; cache?: boolean }) {
  const trustBeforeMs = Date.now() - 2000;
  const walk = (native: boolean) =>
    walkDirectory(root, { followSymlinks: false, select: options.select, trustBeforeMs, native, ...(options.cache ? { cache: {} } : {}) });
  return { native: walkData(await walk(true)), js: walkData(await walk(false)) };
}

/** What the JavaScript side would find in the bytes: the checks the native reader makes. */
function checksOf(bytes: Buffer) {
  return { nulInHead: bytes.subarray(0, 8192).includes(0), utf8: isUtf8(bytes), markers: markers.reduce((bits, m, k) => bits | (bytes.includes(m) ? 1 << k : 0), 0) };
}

async function bothReads(root: string, paths: string[], stampFiles: boolean) {
  const trustBeforeMs = Date.now() - 2000;
  const read = async (native: boolean) => (await openTree(root, { native, stampFiles, trustBeforeMs, useGit: false })).read(paths, markers);
  return { native: await read(true), js: await read(false) };
}

describe.runIf(built)('native walker', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-native-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('walks every tree as the JavaScript walk does: files in order, counts, cache texts', async () => {
    for (const root of trees()) {
      for (const select of [selector, undefined]) {
        for (const cache of [false, true]) {
          const { native, js } = await bothWalks(root, { select, cache });
          expect(native.files.length, root).toBeGreaterThan(0);
          expect(native, `${root} selective=${select !== undefined} cache=${cache}`).toEqual(js);
        }
      }
    }
  }, 120_000);

  it('odd trees: links (to files, to directories, dangling, in a loop), a FIFO, skipped directories, odd names', async () => {
    const root = join(tmp, 'odd');
    mkdirSync(join(root, 'a', 'scripts', 'deep'), { recursive: true });
    mkdirSync(join(root, '.git', 'objects'), { recursive: true });
    mkdirSync(join(root, 'node_modules', 'x'), { recursive: true });
    mkdirSync(join(root, 'empty'));
    writeFileSync(join(root, 'Makefile'), 'x := -Zfoo\n');
    writeFileSync(join(root, 'a', 'scripts', 'deep', 'tool.c'), '');
    writeFileSync(join(root, 'a', 'lib.rs'), '#![feature(a)]\n');
    writeFileSync(join(root, '.git', 'objects', 'Makefile'), '');
    writeFileSync(join(root, 'node_modules', 'x', 'lib.rs'), '');
    writeFileSync(join(root, 'tab\tname.rs'), '');
    writeFileSync(join(root, 'new\nline.rs'), '');
    writeFileSync(join(root, 'é-ü.rs'), '');
    // A name that is not UTF-8: Node reads it with U+FFFD, and so must the native walk.
    writeFileSync(Buffer.from([...Buffer.from(`${root}/bad-`), 0xff, 0xfe, ...Buffer.from('.rs')]), '');
    symlinkSync('a/lib.rs', join(root, 'link.rs'));
    symlinkSync('a', join(root, 'linkdir'));
    symlinkSync('nowhere', join(root, 'dangling.rs'));
    symlinkSync('loop.rs', join(root, 'loop.rs'));
    execFileSync('mkfifo', [join(root, 'a', 'fifo.rs')]);
    for (const select of [selector, undefined]) {
      for (const cache of [false, true]) {
        const { native, js } = await bothWalks(root, { select, cache });
        expect(native, `selective=${select !== undefined} cache=${cache}`).toEqual(js);
        expect(native.diagnostics.map((d) => d.code)).toEqual(['scan/symlink-loop']);
      }
    }
    const { native } = await bothWalks(root, { select: selector });
    expect(native.files.sort()).toEqual(['Makefile', 'a/lib.rs', 'a/scripts/deep/tool.c', 'bad-\uFFFD\uFFFD.rs', 'link.rs', 'new\nline.rs', 'tab\tname.rs', 'é-ü.rs']);
  });

  it.skipIf(process.getuid?.() === 0)('a directory it cannot read: the same diagnostic, and the walk goes on', async () => {
    const root = join(tmp, 'locked');
    mkdirSync(join(root, 'closed'), { recursive: true });
    writeFileSync(join(root, 'Makefile'), '');
    execFileSync('chmod', ['000', join(root, 'closed')]);
    try {
      const { native, js } = await bothWalks(root, { select: selector, cache: true });
      expect(native).toEqual(js);
      expect(native.diagnostics.map((d) => d.code)).toEqual(['scan/unreadable-directory']);
    } finally {
      execFileSync('chmod', ['755', join(root, 'closed')]);
    }
  });

  it('reads files as the JavaScript reader does: bytes, stamps, and checks equal to its own', async () => {
    for (const root of trees()) {
      const paths = (await walkDirectory(root, { followSymlinks: false, select: selector, trustBeforeMs: 0, native: false })).files.filter((p) => !p.endsWith('.c') && !p.endsWith('.h'));
      for (const stampFiles of [false, true]) {
        const { native, js } = await bothReads(root, paths, stampFiles);
        expect([...native.keys()].sort()).toEqual([...js.keys()].sort());
        for (const p of paths) {
          const n = native.get(p) as FileRead;
          const j = js.get(p) as FileRead;
          if (j instanceof Error) {
            expect(n, p).toBeInstanceOf(Error);
            expect((n as unknown as Error).message).toBe(j.message);
            continue;
          }
          expect(n.bytes.equals(j.bytes), p).toBe(true);
          expect(n.stamp, p).toBe(j.stamp);
          expect(n.checks, p).toEqual(checksOf(j.bytes));
        }
      }
    }
  }, 120_000);

  it('stamps many files at once as one stat each gives them: files, links to files, and null for everything else', async () => {
    const root = join(tmp, 'stamps');
    mkdirSync(join(root, 'dir'), { recursive: true });
    writeFileSync(join(root, 'Makefile'), 'x := -Zfoo\n');
    writeFileSync(join(root, 'dir', 'lib.rs'), '#![feature(a)]\n');
    symlinkSync('dir/lib.rs', join(root, 'link.rs'));
    symlinkSync('dir', join(root, 'linkdir'));
    symlinkSync('nowhere', join(root, 'dangling.rs'));
    symlinkSync('loop.rs', join(root, 'loop.rs'));
    execFileSync('mkfifo', [join(root, 'fifo')]);
    const paths = ['Makefile', 'dir/lib.rs', 'link.rs', 'linkdir', 'dangling.rs', 'loop.rs', 'fifo', 'dir', 'missing', 'Makefile/below', 'é-ü.rs'];
    writeFileSync(join(root, 'é-ü.rs'), '');
    for (const trustBeforeMs of [Date.now() + 60_000, 0]) {
      const stampsOf = async (native: boolean) => {
        const reader = await openTree(root, { native, stampFiles: true, trustBeforeMs, useGit: false });
        return { batch: await reader.stamps!(paths), one: paths.map((p) => reader.stamp(p)) };
      };
      const native = await stampsOf(true);
      const js = await stampsOf(false);
      expect(native.batch).toEqual(native.one);
      expect(js.batch).toEqual(js.one);
      expect(native.batch).toEqual(js.one);
      // Files and links to files have a stamp when old enough; nothing else ever has one.
      expect(native.batch.map((s) => s !== null)).toEqual(trustBeforeMs === 0 ? paths.map(() => false) : [true, true, true, false, false, false, false, false, false, false, true]);
    }
    // Across a whole tree, too.
    for (const root of trees()) {
      const paths = (await walkDirectory(root, { followSymlinks: false, select: selector, trustBeforeMs: 0, native: false })).files;
      const reader = await openTree(root, { native: true, stampFiles: true, useGit: false });
      expect(await reader.stamps!(paths), root).toEqual(paths.map((p) => reader.stamp(p)));
    }
  }, 120_000);

  it('a walk kept in the cache is this walk exactly when the JavaScript check says so', async () => {
    const root = join(tmp, 'warm');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'Makefile'), '');
    const trustBeforeMs = Date.now() + 60_000;
    const first = await walkDirectory(root, { followSymlinks: false, select: selector, trustBeforeMs, native: true, cache: {} });
    const again = (native: boolean) => walkDirectory(root, { followSymlinks: false, select: selector, trustBeforeMs, native, cache: { previous: first.cache! } });
    expect((await again(true)).unchanged).toBe(true);
    expect((await again(false)).unchanged).toBe(true);
    // A directory added below, or one removed: a change both ways (its parent's stamp, or no stat at all).
    mkdirSync(join(root, 'a', 'b', 'c'));
    expect((await again(true)).unchanged ?? false).toBe(false);
    expect((await again(false)).unchanged ?? false).toBe(false);
    const second = await walkDirectory(root, { followSymlinks: false, select: selector, trustBeforeMs, native: true, cache: {} });
    rmSync(join(root, 'a', 'b', 'c'), { recursive: true });
    rmSync(join(root, 'a', 'b'), { recursive: true });
    const third = (native: boolean) => walkDirectory(root, { followSymlinks: false, select: selector, trustBeforeMs, native, cache: { previous: second.cache! } });
    expect((await third(true)).unchanged ?? false).toBe(false);
    expect((await third(false)).unchanged ?? false).toBe(false);
  });

  it('UTF-8 checks agree with Node on hand-picked and random bytes', async () => {
    const root = join(tmp, 'utf8');
    mkdirSync(root);
    const cases: number[][] = [
      [], [0x41], [0xc2, 0x80], [0xc1, 0xbf], [0xe0, 0x9f, 0x80], [0xe0, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xed, 0xa0, 0x80],
      [0xef, 0xbf, 0xbf], [0xf0, 0x8f, 0xbf, 0xbf], [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80], [0xc2], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x80], [0xbf], [0xfe], [0xff], [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0xc3],
      [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0xc3, 0xa9], [0x00, 0xc3, 0xa9],
    ];
    // Random bytes, mostly high ones, so that many are near-valid sequences.
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 400; i++) {
      const len = 1 + Math.floor(rand() * 24);
      cases.push(Array.from({ length: len }, () => (rand() < 0.3 ? 0x20 + Math.floor(rand() * 0x5f) : 0x80 + Math.floor(rand() * 0x80))));
    }
    // Valid text of every length class, cut at every byte.
    const text = Buffer.from('aé€😀 -Z RUSTC_BOOTSTRAP #!');
    for (let cut = 0; cut <= text.length; cut++) cases.push([...text.subarray(0, cut)]);
    const paths = cases.map((_, i) => `f${i}`);
    cases.forEach((bytes, i) => writeFileSync(join(root, paths[i]!), Buffer.from(bytes)));
    const { native } = await bothReads(root, paths, true);
    let invalid = 0;
    cases.forEach((bytes, i) => {
      const read = native.get(paths[i]!) as FileRead;
      expect(read.checks, `bytes ${Buffer.from(bytes).toString('hex')}`).toEqual(checksOf(Buffer.from(bytes)));
      if (!isUtf8(Buffer.from(bytes))) invalid++;
    });
    expect(invalid).toBeGreaterThan(100);
  });

  it('a scan gives the same document with and without it, on every tree', async () => {
    const facts = (s: ScanSnapshot) => {
      const { stats, generator: _generator, ...rest } = s;
      return { ...rest, filesConsidered: stats.filesConsidered, filesRead: stats.filesRead };
    };
    const scanned = [...trees(), ...readdirSync(fixture('scan')).map((n) => fixture('scan', n))];
    for (const root of scanned) {
      // Fixtures are copied: a scan of the fixtures folder itself is one of the trees above.
      const tree = root.startsWith(fixture('scan')) ? join(tmp, `scan-${root.slice(root.lastIndexOf('/') + 1)}`) : root;
      if (tree !== root) cpSync(root, tree, { recursive: true });
      expect(facts(await buildScan({ tree, native: true })), tree).toEqual(facts(await buildScan({ tree, native: false })));
    }
  }, 120_000);
});

describe('building the native walker', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-native-build-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('a failed build never fails the install, and says so in one line; --strict fails; GATEWATCH_NATIVE=0 skips it', async () => {
    const { spawnSync } = await import('node:child_process');
    const { repoRoot } = await import('../helpers/paths.js');
    // A copy of what the package ships for the build, with a node-gyp that fails as one without a compiler would.
    cpSync(join(repoRoot, 'native'), join(tmp, 'native'), { recursive: true });
    cpSync(join(repoRoot, 'binding.gyp'), join(tmp, 'binding.gyp'));
    mkdirSync(join(tmp, 'scripts'));
    cpSync(join(repoRoot, 'scripts', 'build-native.mjs'), join(tmp, 'scripts', 'build-native.mjs'));
    const fakeGyp = join(tmp, 'fake-node-gyp.js');
    writeFileSync(fakeGyp, "console.error('gyp ERR! stack Error: not found: make'); process.exit(1);\n");
    const run = (args: string[], env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [join(tmp, 'scripts', 'build-native.mjs'), ...args], { env: { ...process.env, npm_config_node_gyp: fakeGyp, ...env }, encoding: 'utf8' });
    const soft = run([], {});
    expect(soft.status).toBe(0);
    expect(soft.stderr.trim().split('\n')).toEqual([
      'gatewatch: the native walker was not built (gyp ERR! stack Error: not found: make); scans use the JavaScript walker, about 1.3x slower on a kernel tree',
    ]);
    expect(run(['--strict'], {}).status).toBe(1);
    const off = run([], { GATEWATCH_NATIVE: '0' });
    expect([off.status, off.stderr]).toEqual([0, '']);
  });
});
