import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { buildScan } from '../../src/scan/build-scan.js';
import { fileSelector } from '../../src/scan/select.js';
import { scanSources } from '../../src/sources/index.js';
import type { FileInterest } from '../../src/sources/types.js';
import { fixture, kernelTree } from '../helpers/paths.js';

describe('file selector', () => {
  const select = fileSelector([
    { extensions: ['rs', 'toml'], names: ['build.rs', '.cirrus.yml'], namePrefixes: ['Makefile', 'Kconfig'] },
    { dirNames: ['scripts'], dirPaths: ['.github/workflows', 'ci'] },
  ]);

  it('keeps files by extension, exact name and name prefix, and nothing else', () => {
    for (const kept of ['lib.rs', 'Cargo.toml', '.cirrus.yml', 'Makefile', 'Makefile.build', 'Kconfig.debug']) expect(select.name(kept), kept).toBe(true);
    for (const left of ['main.c', 'x.h', 'head.S', 'rs', 'lib.rs.orig', 'makefile.am', 'MAKEFILE', 'Kbuild', 'config', 'a.r']) expect(select.name(left), left).toBe(false);
  });

  it('keeps whole directories by name at any depth, or by path from the root', () => {
    expect(select.dir('scripts', 'scripts')).toBe(true);
    expect(select.dir('tools/testing/scripts', 'scripts')).toBe(true);
    expect(select.dir('.github/workflows', 'workflows')).toBe(true);
    expect(select.dir('ci', 'ci')).toBe(true);
    expect(select.dir('drivers/ci', 'ci')).toBe(false);
    expect(select.dir('other/workflows', 'workflows')).toBe(false);
  });

  it('decides whole paths (git listings) as the walk decides names and directories', () => {
    for (const kept of ['rust/kernel/lib.rs', 'scripts/config', 'tools/scripts/x.py', '.github/workflows/ci.yml', 'ci/run', 'arch/x86/Makefile'])
      expect(select.path(kept), kept).toBe(true);
    for (const left of ['drivers/net/e1000.c', 'drivers/ci/run', 'scriptsx/run', 'doc/scripts.txt', 'a/workflows/ci.yml']) expect(select.path(left), left).toBe(false);
  });

  it('a one-letter extension is kept when one is asked for', () => {
    const c = fileSelector([{ extensions: ['c'] }]);
    expect(c.name('main.c')).toBe(true);
    expect(c.name('main.h')).toBe(false);
  });

  it('a source without an interest makes the selector keep every file', () => {
    const all = fileSelector([{ extensions: ['rs'] }, undefined]);
    expect(all.selective).toBe(false);
    expect(all.name('main.c') && all.path('drivers/x.c') && all.dir('d', 'd')).toBe(true);
  });
});

/** What the selector's name test means, written plainly: an exact name, a name prefix, or the extension after the last dot. */
function plainlyWanted(interests: FileInterest[], name: string): boolean {
  const dot = name.lastIndexOf('.');
  return interests.some(
    (i) => (i.names ?? []).includes(name) || (i.namePrefixes ?? []).some((p) => name.startsWith(p)) || (dot >= 0 && (i.extensions ?? []).includes(name.slice(dot + 1))),
  );
}

/** Relative paths of every file below `dir`. */
function allFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...allFiles(dir, p));
    else out.push(p);
  }
  return out;
}

describe('file selector, against its plain meaning', () => {
  const odd = ['', '.', '.rs', 'rs', 'a.', 'Makefile', 'Makefile.', 'xMakefile', 'lib.rs', 'sublib.rs', 'a.b.rs', 'a.rs.b', 'Kbuild.include', 'a+b.mk', 'x(1).toml'];
  const interestSets: FileInterest[][] = [
    [{ names: ['Makefile', 'Kbuild', 'Cargo.toml', 'lib.rs'] }, ...scanSources.map((s) => s.interest!)],
    [{ extensions: ['rs', 'toml'], names: ['build.rs', '.cirrus.yml'], namePrefixes: ['Makefile', 'Kconfig'] }],
    [{ names: ['a+b.mk', 'x(1).toml'] }],
    [{ dirNames: ['scripts'] }],
  ];

  it('names and last names of paths: the kernel trees, the fixtures and odd names', () => {
    const trees = [fixture(), ...(['6.12', '6.1'] as const).map((v) => kernelTree(v)).filter((t): t is string => t !== null)];
    const made = [...odd, ...odd.map((n) => `dir.rs/${n}`), ...odd.map((n) => `${n}/main.c`)];
    const found = trees.flatMap((t) => allFiles(t));
    // The fixtures alone hold well over a hundred files; the kernel trees, when installed, tens of thousands more.
    expect(found.length).toBeGreaterThan(trees.length > 1 ? 10_000 : 100);
    const paths = [...made, ...found];
    for (const interests of interestSets) {
      const select = fileSelector(interests);
      for (const path of paths) {
        const name = path.slice(path.lastIndexOf('/') + 1);
        const want = plainlyWanted(interests, name);
        if (select.name(name) !== want) expect(select.name(name), `name ${name}`).toBe(want);
        // A path is kept for its last name, or for a whole-directory interest (tested above).
        if (!want && select.path(path) && !interests.some((i) => i.dirNames || i.dirPaths)) expect(select.path(path), `path ${path}`).toBe(false);
        if (want && !select.path(path)) expect(select.path(path), `path ${path}`).toBe(true);
      }
    }
  }, 60_000);
});

/** The same sources with no interest: every file's path is made and every source's `wants` asked. */
const unselective = scanSources.map((s) => {
  const { interest: _interest, ...rest } = s;
  return rest;
});
const facts = (scan: ScanSnapshot) => {
  const { stats, generator, ...rest } = scan;
  return { ...rest, filesConsidered: stats.filesConsidered, filesRead: stats.filesRead };
};

describe("the sources' interests cover what they want", () => {
  const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-select-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('every fixture: the selective walk finds what the walk of every file finds', async () => {
    for (const group of ['scan', 'cargo', 'make']) {
      for (const name of readdirSync(fixture(group), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)) {
        const tree = join(tmp, `${group}-${name}`);
        cpSync(fixture(group, name), tree, { recursive: true });
        expect(facts(await buildScan({ tree })), `${group}/${name}`).toEqual(facts(await buildScan({ tree, sources: unselective })));
      }
    }
  });

  for (const version of ['6.12', '6.1'] as const) {
    const tree = kernelTree(version);
    it.skipIf(!tree)(`linux ${version}: the selective walk finds what the walk of every file finds`, async () => {
      expect(facts(await buildScan({ tree: tree! }))).toEqual(facts(await buildScan({ tree: tree!, sources: unselective })));
    }, 60_000);
  }
});
