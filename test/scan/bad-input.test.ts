import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildScan } from '../../src/scan/build-scan.js';
import { MAX_FILE_BYTES } from '../../src/scan/decode.js';
import { fixture } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-bad-input-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bad input', () => {
  it('a path that does not exist is a one-line error with exit 2', async () => {
    const r = await runCli(['scan', join(tmp, 'no-such-tree')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gatewatch: no such tree: .*no-such-tree\n$/);
    expect(r.stdout).toBe('');
  });

  it('a file instead of a tree is a one-line error with exit 2', async () => {
    const r = await runCli(['scan', fixture('scan', 'nested-cfg-attr', 'lib.rs')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gatewatch: not a directory: .*lib\.rs \(expected a kernel source tree or a Rust project directory\)\n$/);
  });

  it('invalid UTF-8 is read with replacement characters and a diagnostic; binary files are skipped', async () => {
    const scan = await buildScan({ tree: fixture('scan', 'invalid-utf8-and-binary') });
    expect(scan.occurrences.map((o) => `${o.file}:${o.line} ${o.name}`)).toEqual(['latin1.rs:1 before_bad_bytes', 'latin1.rs:3 after_bad_bytes']);
    expect(scan.diagnostics.map((d) => `${d.code} ${d.file}${d.line ? `:${d.line}` : ''}`)).toEqual(['scan/binary-file blob.rs:1', 'scan/invalid-utf8 latin1.rs:2']);
  });

  it('a file larger than the limit is skipped with a diagnostic, even if it holds a gate; one at the limit is read', async () => {
    const tree = join(tmp, 'huge');
    mkdirSync(tree);
    const gate = '#![feature(in_a_huge_file)]\n';
    writeFileSync(join(tree, 'huge.rs'), gate + ' '.repeat(MAX_FILE_BYTES + 1 - gate.length));
    writeFileSync(join(tree, 'limit.rs'), '#![feature(at_the_limit)]\n'.padEnd(MAX_FILE_BYTES, ' '));
    const scan = await buildScan({ tree });
    expect(scan.occurrences.map((o) => `${o.file} ${o.name}`)).toEqual(['limit.rs at_the_limit']);
    expect(scan.diagnostics.map((d) => `${d.code} ${d.severity} ${d.file}`)).toEqual(['scan/huge-file warning huge.rs']);
  });

  it('a symlink loop is a diagnostic and the scan goes on', async () => {
    const tree = join(tmp, 'loops');
    mkdirSync(join(tree, 'src'), { recursive: true });
    writeFileSync(join(tree, 'src', 'lib.rs'), '#![feature(still_found)]\n');
    symlinkSync('self.rs', join(tree, 'src', 'self.rs'));
    symlinkSync('..', join(tree, 'src', 'up'));
    const plain = await buildScan({ tree });
    expect(plain.occurrences.map((o) => o.name)).toEqual(['still_found']);
    expect(plain.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(['scan/symlink-loop src/self.rs']);
    const followed = await buildScan({ tree, followSymlinks: true });
    expect(followed.occurrences.map((o) => o.name)).toEqual(['still_found']);
    expect(followed.diagnostics.map((d) => `${d.code} ${d.file}`).sort()).toEqual(['scan/symlink-loop src/self.rs', 'scan/symlink-loop src/up']);
  });

  it('--follow-symlinks: a link to an ancestor is a loop, told before any file below it is walked again', async () => {
    const tree = join(tmp, 'ancestor-link');
    mkdirSync(join(tree, 'drivers', 'net'), { recursive: true });
    writeFileSync(join(tree, 'drivers', 'net', 'phy.rs'), '#![feature(once_only)]\n');
    symlinkSync('..', join(tree, 'drivers', 'net', 'up'));
    symlinkSync('net', join(tree, 'drivers', 'sideways'));
    const followed = await buildScan({ tree, followSymlinks: true });
    expect(followed.occurrences.map((o) => `${o.file} ${o.name}`)).toEqual(['drivers/net/phy.rs once_only']);
    expect(followed.diagnostics.map((d) => `${d.code} ${d.file}`).sort()).toEqual(['scan/symlink-duplicate drivers/sideways', 'scan/symlink-loop drivers/net/up']);
    expect(followed.stats.filesConsidered).toBe((await buildScan({ tree })).stats.filesConsidered);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable directory is a diagnostic (skipped as root, who can read everything)', async () => {
    const tree = join(tmp, 'unreadable');
    mkdirSync(join(tree, 'locked'), { recursive: true });
    writeFileSync(join(tree, 'lib.rs'), '#![feature(visible)]\n');
    chmodSync(join(tree, 'locked'), 0);
    const scan = await buildScan({ tree });
    chmodSync(join(tree, 'locked'), 0o755);
    expect(scan.occurrences.map((o) => o.name)).toEqual(['visible']);
    expect(scan.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(['scan/unreadable-directory locked']);
  });
});
