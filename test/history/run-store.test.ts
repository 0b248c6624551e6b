/**
 * The store of one history run (src/history/run-store.ts): reads kept for the run, writes held until the flush, and
 * a merge into a key nobody reads again applied once, at the flush, onto what the store holds then.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRunStore } from '../../src/history/run-store.js';
import { openStore } from '../../src/store/store.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-run-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A merge that appends `line`, counting its calls in `calls`. */
const append = (line: string, calls: string[]) => (current: string | undefined) => {
  calls.push(line);
  return current ? `${current}\n${line}` : line;
};

describe('the store of a history run', () => {
  it('applies merges into a key that is not read again once each, at the flush, onto what the store holds then', () => {
    const store = openStore(join(tmp, 'a'), { code: 'test' });
    const run = openRunStore(store);
    const calls: string[] = [];
    run.update('facts', append('one', calls));
    run.update('facts', append('two', calls));
    expect(calls).toEqual([]);
    expect(store.get('facts')).toBeUndefined();
    // Another run writes meanwhile: its line is kept.
    store.put('facts', 'other run');
    run.flush();
    expect(calls).toEqual(['one', 'two']);
    expect(store.get('facts')).toBe('other run\none\ntwo');
  });

  it('gives a key read after a merge with that merge applied, and writes it at the flush', () => {
    const store = openStore(join(tmp, 'b'), { code: 'test' });
    store.put('facts', 'kept');
    const run = openRunStore(store);
    const calls: string[] = [];
    run.update('facts', append('one', calls));
    expect(run.get('facts')).toBe('kept\none');
    run.update('facts', append('two', calls));
    expect(run.get('facts')).toBe('kept\none\ntwo');
    expect(store.get('facts')).toBe('kept');
    run.flush();
    expect(store.get('facts')).toBe('kept\none\ntwo');
  });

  it('merges into a key put during the run at once', () => {
    const store = openStore(join(tmp, 'c'), { code: 'test' });
    const run = openRunStore(store);
    run.put('facts', 'put');
    run.update('facts', append('one', []));
    expect(run.get('facts')).toBe('put\none');
    run.flush();
    expect(store.get('facts')).toBe('put\none');
  });
});
