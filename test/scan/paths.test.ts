/**
 * Paths as Linux has them: a tree whose top directory cannot be read.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unreadableTree } from '../../src/scan/tree.js';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-paths-'));
afterAll(() => {
  if (existsSync(join(tmp, 'locked'))) chmodSync(join(tmp, 'locked'), 0o755);
  rmSync(tmp, { recursive: true, force: true });
});

describe('a tree that cannot be read', () => {
  const isRoot = process.getuid?.() === 0;
  const bundle = join(repoRoot, 'dist', 'bundle', 'main.cjs');
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

  it.skipIf(!isRoot || !setpriv || !existsSync(bundle))('as root, run as nobody (setpriv): exits 2 with that line', () => {
    const tree = locked();
    // nobody walks into the temp directory to find the tree.
    chmodSync(tmp, 0o755);
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(repoRoot, 'bin', 'gatewatch.cjs'), 'scan', tree], { env: { NO_COLOR: '1' }, encoding: 'utf8' });
    expect(r.stderr).toMatch(oneLine);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});
