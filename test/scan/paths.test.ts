/**
 * Paths as Linux has them: names that are bytes, not UTF-8 (made here at run time through Buffer paths, never
 * committed), and a tree whose top directory cannot be read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildScan } from '../../src/scan/build-scan.js';
import { displayName } from '../../src/scan/raw-names.js';
import { unreadableTree } from '../../src/scan/walk.js';
import { rustCrateAttrs } from '../../src/sources/rust-crate-attrs/index.js';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-paths-'));
afterAll(() => {
  if (existsSync(join(tmp, 'locked'))) chmodSync(join(tmp, 'locked'), 0o755);
  rmSync(tmp, { recursive: true, force: true });
});

/** A path under `tmp` in bytes: strings as UTF-8, numbers as single bytes (0xe9 is é in Latin-1). */
const bytes = (...parts: (string | number)[]) => Buffer.concat([Buffer.from(`${tmp}/`), ...parts.map((p) => (typeof p === 'number' ? Buffer.from([p]) : Buffer.from(p)))]);

/** A tree holding Latin-1 names: a file, a directory, two names that differ only in their invalid byte. */
function latin1Tree(name: string): string {
  mkdirSync(join(tmp, name, 'src'), { recursive: true });
  writeFileSync(join(tmp, name, 'src', 'lib.rs'), '#![feature(utf8_name)]\n');
  writeFileSync(bytes(name, '/src/caf', 0xe9, '.rs'), '#![feature(in_cafe)]\n');
  writeFileSync(bytes(name, '/src/caf', 0xe8, '.rs'), '#![feature(in_cafe_grave)]\n');
  mkdirSync(bytes(name, '/dr', 0xfc, 'ver'));
  writeFileSync(bytes(name, '/dr', 0xfc, 'ver/lib.rs'), '#![feature(in_latin1_dir)]\n');
  return join(tmp, name);
}

const expected = ['dr\\xFCver/lib.rs in_latin1_dir', 'src/caf\\xE8.rs in_cafe_grave', 'src/caf\\xE9.rs in_cafe', 'src/lib.rs utf8_name'];
const found = (scan: Pick<ScanSnapshot, 'occurrences'>) => scan.occurrences.map((o) => `${o.file} ${o.name}`).sort();
const said = (scan: Pick<ScanSnapshot, 'diagnostics'>) => scan.diagnostics.map((d) => `${d.code} ${d.file}`).sort();
const saidOfLatin1 = ['scan/non-utf8-name dr\\xFCver/lib.rs', 'scan/non-utf8-name src/caf\\xE8.rs', 'scan/non-utf8-name src/caf\\xE9.rs'];

describe('names that are not UTF-8', () => {
  it('displayName keeps valid UTF-8 and writes each invalid byte as \\xHH', () => {
    expect(displayName(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe('caf\\xE9');
    expect(displayName(Buffer.from('café ✓', 'utf8'))).toBe('café ✓');
    // An overlong encoding and a lone continuation byte are not UTF-8.
    expect(displayName(Buffer.from([0xc0, 0xaf, 0x80, 0x41]))).toBe('\\xC0\\xAF\\x80A');
  });

  it('a plain directory: every such file is read, named with \\xHH, and said once; the cache reads them again', async () => {
    const tree = latin1Tree('plain');
    const scan = await buildScan({ tree, sources: [rustCrateAttrs] });
    expect(found(scan)).toEqual(expected);
    expect(said(scan)).toEqual(saidOfLatin1);
    const env = { NO_COLOR: '1', GATEWATCH_CACHE_DIR: join(tmp, 'cache') };
    for (const run of ['first', 'cached']) {
      const r = await runCli(['scan', '--json', tree], { env });
      expect(r.stderr, run).toBe('');
      const doc = JSON.parse(r.stdout) as ScanSnapshot;
      expect(found(doc), run).toEqual(expected);
      expect(said(doc), run).toEqual(saidOfLatin1);
    }
  });

  it('a git work tree and a git revision: the same files, names and diagnostics', async () => {
    const tree = latin1Tree('repo');
    const git = (...args: string[]) => execFileSync('git', ['-C', tree, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'latin1 names');
    for (const rev of [undefined, 'HEAD']) {
      const scan = await buildScan({ tree, sources: [rustCrateAttrs], ...(rev ? { rev } : {}) });
      expect(found(scan), rev).toEqual(expected);
      expect(said(scan), rev).toEqual(saidOfLatin1);
    }
  });

  it('a tree whose own path is not UTF-8 cannot be given: the error says why, and the way the hint gives works', async () => {
    mkdirSync(bytes('tr', 0xe9, 'e'));
    writeFileSync(bytes('tr', 0xe9, 'e/lib.rs'), '#![feature(in_latin1_tree)]\n');
    // What Node makes of those bytes on a command line.
    const given = bytes('tr', 0xe9, 'e').toString('utf8');
    const r = await runCli(['scan', given]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gatewatch: no such tree: .*tr\uFFFDe \(its path is not valid UTF-8, which cannot be passed to gatewatch\)\n {2}hint: scan it through a symbolic link with a UTF-8 name/);
    symlinkSync(bytes('tr', 0xe9, 'e'), join(tmp, 'tree-link'));
    expect(found(await buildScan({ tree: join(tmp, 'tree-link'), sources: [rustCrateAttrs] }))).toEqual(['lib.rs in_latin1_tree']);
  });
});

describe('a tree that cannot be read', () => {
  const isRoot = process.getuid?.() === 0;
  const bundle = join(repoRoot, 'dist', 'bundle', 'main.js');
  const setpriv = spawnSync('setpriv', ['--version']).status === 0;
  const locked = () => {
    mkdirSync(join(tmp, 'locked'), { recursive: true });
    writeFileSync(join(tmp, 'locked', 'lib.rs'), '#![feature(hidden)]\n');
    chmodSync(join(tmp, 'locked'), 0);
    return join(tmp, 'locked');
  };
  const oneLine = /^gatewatch: cannot read tree .*locked: permission denied\n {2}hint: gatewatch lists the directory: give your user read and search permission on it \(chmod u\+rx\), or scan as a user who has it\n$/;

  it('the error of an unreadable tree: one line, what to do in the hint', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, scandir '/t'"), { code: 'EACCES' });
    expect(unreadableTree('/t', denied)).toMatchObject({ code: 'E_NO_TREE', message: 'cannot read tree /t: permission denied', hint: expect.stringContaining('chmod u+rx') });
    const other = Object.assign(new Error("EIO: i/o error, scandir '/t'"), { code: 'EIO' });
    expect(unreadableTree('/t', other)).toMatchObject({ code: 'E_NO_TREE', message: "cannot read tree /t: EIO: i/o error, scandir '/t'" });
  });

  it.skipIf(isRoot)('exits 2 with that line (skipped as root, who can read everything: the next test drops root)', async () => {
    const r = await runCli(['scan', locked()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(oneLine);
  });

  /** As nobody: whether the checkout (the bin, the bundle, node_modules) can be read, e.g. not in a 0700 mktemp directory. */
  const asNobody = (args: string[]) => spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args], { env: { NO_COLOR: '1' }, encoding: 'utf8' });
  it.skipIf(!isRoot || !setpriv || !existsSync(bundle))('as root, run as nobody (setpriv): exits 2 with that line', (ctx) => {
    if (asNobody(['-e', `require(${JSON.stringify(bundle)})`]).status !== 0) ctx.skip(`user nobody cannot read this checkout (${repoRoot}): some directory on its path is closed to other users`);
    const tree = locked();
    // nobody walks into the temp directory to find the tree.
    chmodSync(tmp, 0o755);
    const r = asNobody([join(repoRoot, 'bin', 'gatewatch.cjs'), 'scan', tree]);
    expect(r.stderr).toMatch(oneLine);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});
