/**
 * Where the scan cache lives: `$GATEWATCH_CACHE_DIR`, else the user's cache directory from env-paths (which honours
 * `$XDG_CACHE_HOME`); nowhere with `--no-cache`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanCacheDir, userCacheDir } from '../../src/cli/cache-dir.js';
import type { CliIO } from '../../src/cli/io.js';
import { processIO } from '../../src/cli/process-io.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-cache-dir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const io = (env: NodeJS.ProcessEnv, user?: string): CliIO => ({ stdout: () => {}, stderr: () => {}, stdoutIsTTY: false, stderrIsTTY: false, env, cwd: tmp, ...(user ? { userCacheDir: user } : {}) });

describe('the scan cache directory', () => {
  it('$GATEWATCH_CACHE_DIR first, then the user cache directory, none with --no-cache or when a run has neither', () => {
    expect(scanCacheDir(io({ GATEWATCH_CACHE_DIR: '/explicit' }, '/user/cache/gatewatch'), true)).toBe('/explicit');
    expect(scanCacheDir(io({}, '/user/cache/gatewatch'), true)).toBe('/user/cache/gatewatch');
    expect(scanCacheDir(io({ GATEWATCH_CACHE_DIR: '/explicit' }, '/user/cache/gatewatch'), false)).toBeUndefined();
    expect(scanCacheDir(io({}), true)).toBeUndefined();
  });

  it.skipIf(process.platform !== 'linux')('the user cache directory is env-paths\' (XDG on Linux), and the installed command uses it', () => {
    const saved = process.env['XDG_CACHE_HOME'];
    try {
      process.env['XDG_CACHE_HOME'] = join(tmp, 'xdg');
      expect(userCacheDir()).toBe(join(tmp, 'xdg', 'gatewatch'));
      expect(processIO().userCacheDir).toBe(join(tmp, 'xdg', 'gatewatch'));
      delete process.env['XDG_CACHE_HOME'];
      expect(userCacheDir()).toBe(join(homedir(), '.cache', 'gatewatch'));
    } finally {
      if (saved === undefined) delete process.env['XDG_CACHE_HOME'];
      else process.env['XDG_CACHE_HOME'] = saved;
    }
  });

  it.skipIf(process.platform !== 'linux')('a scan by the installed command writes under $XDG_CACHE_HOME/gatewatch, or $GATEWATCH_CACHE_DIR when set', (ctx) => {
    if (!existsSync(join(repoRoot, 'dist', 'bundle', 'main.js'))) ctx.skip('dist/bundle is absent: run `npm run build` (npm test does)');
    const scan = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [join(repoRoot, 'bin', 'gatewatch.cjs'), 'scan', fixture('scan', 'nested-cfg-attr')], { env: { NO_COLOR: '1', HOME: join(tmp, 'home'), ...env }, encoding: 'utf8' });
    const xdg = join(tmp, 'xdg-run');
    expect(scan({ XDG_CACHE_HOME: xdg }).status).toBe(0);
    expect(readdirSync(join(xdg, 'gatewatch')).length).toBeGreaterThan(0);
    const explicit = join(tmp, 'explicit');
    const other = join(tmp, 'xdg-unused');
    expect(scan({ XDG_CACHE_HOME: other, GATEWATCH_CACHE_DIR: explicit }).status).toBe(0);
    expect(readdirSync(explicit).length).toBeGreaterThan(0);
    expect(existsSync(other)).toBe(false);
  });
});
