import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_FORMAT } from '../../src/store/entry.js';
import { MAX_ENTRY_BYTES } from '../../src/store/read-regular.js';
import { openStore, STALE_TEMP_MS } from '../../src/store/store.js';
import { repoRoot } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(tmp, `s${n++}`);

/** The one entry file of a store holding one entry. */
const onlyEntry = (dir: string) => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.entry'));
  expect(files).toHaveLength(1);
  return join(dir, files[0]!);
};

const isFacts = (v: unknown): v is { links: string[] } => typeof v === 'object' && v !== null && Array.isArray((v as { links?: unknown }).links);

describe('the store', () => {
  it('gives back what was put, under its key only, for the code that wrote it', () => {
    const dir = freshDir();
    const store = openStore(dir, { code: 'code-a' });
    expect(store.get('k')).toBeUndefined();
    expect(store.put('k', 'body\nwith lines\0and NUL')).toBe(true);
    expect(store.get('k')).toBe('body\nwith lines\0and NUL');
    expect(store.get('other')).toBeUndefined();
    expect(readFileSync(onlyEntry(dir), 'utf8')).toContain(`"format":"${STORE_FORMAT}"`);
    // Another version of gatewatch (or other code) reads nothing of it.
    expect(openStore(dir, { code: 'code-b' }).get('k')).toBeUndefined();
    expect(openStore(dir, { code: 'code-a' }).get('k')).toBe('body\nwith lines\0and NUL');
  });

  it('a corrupt byte, an edited fact with its old checksum, or a cut entry is a miss', () => {
    const dir = freshDir();
    const store = openStore(dir, { code: 'c' });
    store.putJson('facts', { links: ['allocator_api'] });
    const file = onlyEntry(dir);
    const text = readFileSync(file, 'utf8');
    expect(store.getJson('facts', isFacts)).toEqual({ links: ['allocator_api'] });
    writeFileSync(file, text.replace('allocator_api', 'allocator_apX'));
    expect(store.get('facts')).toBeUndefined();
    const bytes = Buffer.from(text);
    bytes[bytes.length - 3] ^= 0x01;
    writeFileSync(file, bytes);
    expect(store.get('facts')).toBeUndefined();
    writeFileSync(file, text.slice(0, text.length - 4));
    expect(store.get('facts')).toBeUndefined();
    writeFileSync(file, 'not an entry at all');
    expect(store.get('facts')).toBeUndefined();
    writeFileSync(file, '');
    expect(store.get('facts')).toBeUndefined();
  });

  it('a renamed key in a body whose checksum was made again fails the shape check: a miss, not a crash', () => {
    const dir = freshDir();
    const writer = openStore(dir, { code: 'c' });
    // What a hand edit that also fixed the checksum would leave: a well-formed entry of the wrong shape.
    writer.put('facts', JSON.stringify({ liwks: ['allocator_api'] }));
    expect(writer.getJson('facts', isFacts)).toBeUndefined();
    writer.put('facts', '{"links": not json');
    expect(writer.getJson('facts', isFacts)).toBeUndefined();
    // An entry copied to another key's file is not that key's entry.
    writer.put('a', 'for a');
    writer.put('b', 'for b');
    const files = readdirSync(dir).filter((f) => f.endsWith('.entry'));
    const byBody = Object.fromEntries(files.map((f) => [readFileSync(join(dir, f), 'utf8').split('\n')[1], join(dir, f)]));
    writeFileSync(byBody['for b']!, readFileSync(byBody['for a']!));
    expect(writer.get('b')).toBeUndefined();
    expect(writer.get('a')).toBe('for a');
  });

  it.skipIf(process.platform === 'win32')('reads only regular files: a FIFO, a link to /dev/zero, a directory or a huge file is a miss, at once', async () => {
    const dir = freshDir();
    const store = openStore(dir, { code: 'c' });
    store.put('k', 'v');
    const file = onlyEntry(dir);
    rmSync(file);
    await promisify(execFile)('mkfifo', [file]);
    expect(store.get('k')).toBeUndefined();
    rmSync(file);
    symlinkSync('/dev/zero', file);
    expect(store.get('k')).toBeUndefined();
    rmSync(file);
    mkdirSync(file);
    expect(store.get('k')).toBeUndefined();
    rmSync(file, { recursive: true });
    // A sparse file just over the bound: never read into memory.
    writeFileSync(file, '');
    const { truncateSync } = await import('node:fs');
    truncateSync(file, MAX_ENTRY_BYTES + 1);
    expect(store.get('k')).toBeUndefined();
    // And a write puts a regular entry back in place of whatever was there.
    rmSync(file);
    symlinkSync('/dev/zero', file);
    expect(store.put('k', 'again')).toBe(true);
    expect(store.get('k')).toBe('again');
  });

  it('removes temporary files that killed runs left, and leaves fresh ones (a run writing now) alone', () => {
    const dir = freshDir();
    mkdirSync(dir);
    const old = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
    for (const name of ['0123.entry.123456', 'scan-abc.json.4242.tmp', 'fresh.entry.99']) writeFileSync(join(dir, name), 'partial');
    utimesSync(join(dir, '0123.entry.123456'), old, old);
    utimesSync(join(dir, 'scan-abc.json.4242.tmp'), old, old);
    writeFileSync(join(dir, 'unrelated.txt'), 'kept');
    utimesSync(join(dir, 'unrelated.txt'), old, old);
    const store = openStore(dir, { code: 'c' });
    store.put('k', 'v');
    expect(readdirSync(dir).filter((f) => !f.endsWith('.entry')).sort()).toEqual(['fresh.entry.99', 'unrelated.txt']);
  });

  it('a directory that cannot be made means nothing is kept, never an error', () => {
    const notADir = join(tmp, `file${n++}`);
    writeFileSync(notADir, '');
    const store = openStore(join(notADir, 'sub'), { code: 'c' });
    expect(store.put('k', 'v')).toBe(false);
    expect(store.update('k', () => 'v')).toBe(false);
    expect(store.get('k')).toBeUndefined();
  });
});

describe('two runs at once', () => {
  let bundle: string;
  beforeAll(async () => {
    // The store as one module that plain `node` children can import (the package root is two levels up from it).
    const out = join(repoRoot, '.cache', 'test-bundles');
    mkdirSync(out, { recursive: true });
    bundle = join(out, `store-${process.pid}.mjs`);
    await build({ entryPoints: [join(repoRoot, 'src', 'store', 'store.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: bundle, logLevel: 'silent' });
  });
  afterAll(() => rmSync(bundle, { force: true }));

  const run = (script: string, ...args: string[]) => promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, bundle, ...args]);

  it('updates from two processes at once all land: no entry is torn and no fact is lost', async () => {
    const dir = freshDir();
    const writer = `
      const { openStore } = await import(process.argv[1]);
      const [dir, name] = process.argv.slice(2);
      const store = openStore(dir, { code: 'c' });
      for (let k = 0; k < 40; k++) {
        const ok = store.update('shared', (cur) => (cur ? cur + '\\n' : '') + name + '-' + k + '-' + 'x'.repeat(2000));
        if (!ok) throw new Error('update ' + k + ' of ' + name + ' failed');
      }`;
    const reader = `
      const { openStore } = await import(process.argv[1]);
      const store = openStore(process.argv[2], { code: 'c' });
      let seen = 0;
      for (let k = 0; k < 400; k++) {
        const body = store.get('shared');
        if (body === undefined) continue;
        seen++;
        for (const line of body.split('\\n')) if (!/^[ab]-\\d+-x{2000}$/.test(line)) throw new Error('torn: ' + line.slice(0, 40));
      }
      console.log(seen);`;
    const [, , read] = await Promise.all([run(writer, dir, 'a'), run(writer, dir, 'b'), run(reader, dir)]);
    const lines = openStore(dir, { code: 'c' }).get('shared')!.split('\n').map((l) => l.split('-').slice(0, 2).join('-'));
    const expected = ['a', 'b'].flatMap((w) => Array.from({ length: 40 }, (_, k) => `${w}-${k}`));
    expect(lines.sort()).toEqual(expected.sort());
    expect(Number(read.stdout)).toBeGreaterThanOrEqual(0);
    expect(readdirSync(dir).filter((f) => !f.endsWith('.entry'))).toEqual([]);
  }, 60_000);
});
