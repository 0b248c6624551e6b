/**
 * `gatewatch serve`: loopback only, and never a file outside its directory. Requests are made with plain
 * node:http so that `..` and its encoded forms reach the server as written (fetch() would normalise them).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK, startStaticServer, type StaticServer } from '../../src/site/static-server.js';
import { repoRoot } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-serve-'));
const site = join(tmp, 'site');
const outside = join(tmp, 'outside');
let server: StaticServer;

/** GET a raw path: status and body. */
function get(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolveGet, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  mkdirSync(join(site, 'gates'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(site, 'index.html'), '<h1>inside</h1>');
  writeFileSync(join(site, 'gates', 'feature-x.html'), 'gate page');
  writeFileSync(join(outside, 'secret.txt'), 'SECRET');
  writeFileSync(join(tmp, 'secret.txt'), 'SECRET');
  symlinkSync(join(outside, 'secret.txt'), join(site, 'leak.txt'));
  symlinkSync(outside, join(site, 'leak-dir'));
  symlinkSync(join(site, 'gates', 'feature-x.html'), join(site, 'alias.html'));
  server = await startStaticServer(site, 0);
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('static server', () => {
  it('listens on 127.0.0.1 only', () => expect(new URL(server.url).hostname).toBe(LOOPBACK));

  it('serves the index and files inside, and a symlink that stays inside', async () => {
    expect(await get(server.url, '/')).toEqual({ status: 200, body: '<h1>inside</h1>' });
    expect(await get(server.url, '/gates/feature-x.html?q=1')).toEqual({ status: 200, body: 'gate page' });
    expect(await get(server.url, '/alias.html')).toEqual({ status: 200, body: 'gate page' });
  });

  const traversals = [
    '/../secret.txt',
    '/gates/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/gates/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/gates/..\\..\\secret.txt',
    '/%252e%252e/secret.txt',
    '/index.html%00.txt',
    '/leak.txt',
    '/leak-dir/secret.txt',
    '/gates',
    '/no-such-page.html',
    '/%E0%A4%A',
  ];
  for (const path of traversals) {
    it(`answers ${path} with 404`, async () => {
      const r = await get(server.url, path);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('SECRET');
    });
  }
});

describe('gatewatch serve', () => {
  it('builds the site and serves it on 127.0.0.1 until stopped', async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'gatewatch.cjs'), 'serve', '--port', '0', '--progress', 'none'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const base = await new Promise<string>((resolveUrl, reject) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /serving the dashboard at (http:\/\/\S+)/.exec(out);
          if (m) resolveUrl(m[1]!);
        });
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
      });
      expect(new URL(base).hostname).toBe(LOOPBACK);
      const index = await get(base, '/');
      expect(index.status).toBe(200);
      expect(index.body).toContain('data-page="overview"');
      expect((await get(base, '/planner.html')).status).toBe(200);
      expect((await get(base, '/../../../etc/passwd')).status).toBe(404);
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
