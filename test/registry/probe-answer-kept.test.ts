/**
 * What a compiler said about feature names is kept in the store by its `rustc -vV` and the names: the same compiler
 * is not asked the same names twice, and another compiler (another `-vV`) is asked again.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeFeatures } from '../../src/registry/probe.js';
import { openStore } from '../../src/store/store.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-probe-kept-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A `rustc` that logs each run's first argument and knows every feature (a compile without a diagnostic). */
function fakeRustc(release: string): { path: string; runs: () => string[] } {
  const dir = mkdtempSync(join(tmp, 'rustc-'));
  const log = join(dir, 'log');
  const path = join(dir, 'rustc');
  writeFileSync(
    path,
    `#!/bin/sh
echo "$1" >> '${log}'
case "$1" in
  -vV) printf 'rustc ${release} (abcdef 2025-01-01)\\nbinary: rustc\\ncommit-hash: abcdef\\ncommit-date: 2025-01-01\\nhost: x86_64-unknown-linux-gnu\\nrelease: ${release}\\n' ;;
  --print) echo '${dir}' ;;
esac
exit 0
`,
  );
  chmodSync(path, 0o755);
  return { path, runs: () => readFileSync(log, 'utf8').trim().split('\n') };
}

describe('probe answers kept in the store', () => {
  it('asks the same compiler the same names once, then only for its -vV', async () => {
    const store = openStore(join(tmp, 'store'), { code: 'test' });
    const rustc = fakeRustc('1.90.0-nightly');
    const first = await probeFeatures(['some_feature', 'other_feature'], { toolchain: rustc.path, store });
    expect(rustc.runs()).toEqual(['-vV', '--print', '--crate-type=lib']);
    const again = await probeFeatures(['some_feature', 'other_feature'], { toolchain: rustc.path, store });
    expect(rustc.runs()).toEqual(['-vV', '--print', '--crate-type=lib', '-vV']);
    expect(again.results).toEqual(first.results);
    expect(again.toolchain).toEqual(first.toolchain);
    // Other names are asked.
    await probeFeatures(['third_feature'], { toolchain: rustc.path, store });
    expect(rustc.runs()).toHaveLength(7);
  });

  it('asks another compiler again, and keeps nothing without a store', async () => {
    const store = openStore(join(tmp, 'store-2'), { code: 'test' });
    const older = fakeRustc('1.89.0-nightly');
    await probeFeatures(['some_feature'], { toolchain: older.path, store });
    const newer = fakeRustc('1.91.0-nightly');
    const answer = await probeFeatures(['some_feature'], { toolchain: newer.path, store });
    expect(newer.runs()).toEqual(['-vV', '--print', '--crate-type=lib']);
    expect(answer.toolchain.version).toBe('1.91.0-nightly');
    const bare = fakeRustc('1.89.0-nightly');
    await probeFeatures(['some_feature'], { toolchain: bare.path });
    await probeFeatures(['some_feature'], { toolchain: bare.path });
    expect(bare.runs()).toHaveLength(6);
  });
});
