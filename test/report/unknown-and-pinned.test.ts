/**
 * What cannot be decided here is `unknown`, not `error` (a library feature only another target's compiler knows,
 * a name newer than the registry), with a reason that says what would decide it; the header names the toolchain
 * the tree pins beside the registry, warns when the registry is older, and `--toolchain pinned` uses the pin.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { EXIT } from '../../src/core/errors.js';
import type { Registry } from '../../src/model/registry.js';
import type { ReportDocument } from '../../src/model/report.js';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { runCli } from '../helpers/cli.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const newer = fixture('report', 'cargo-tree-pinning-a-newer-nightly');
const nightlyPin = fixture('report', 'cargo-tree-pinning-nightly');
/** The bundled registry without `riscv_ext_intrinsics`, as a registry built without the library's attributes is. */
const bundled = (): Registry => {
  const r = JSON.parse(readFileSync(join(repoRoot, 'data', 'registry.json'), 'utf8')) as Registry;
  return { ...r, features: r.features.filter((e) => e.name !== 'riscv_ext_intrinsics') };
};
const hasNightly = spawnSync('rustc', ['+nightly', '--version']).status === 0;
if (!hasNightly) console.warn('skipping `--toolchain pinned` with a real compiler: `rustc +nightly` is not installed');

async function scanOfTree(tree: string): Promise<ScanSnapshot> {
  const r = await runCli(['scan', tree, '--json', '--no-cache', '--progress', 'none']);
  expect(r.code, r.stderr).toBe(EXIT.ok);
  return JSON.parse(r.stdout) as ScanSnapshot;
}

describe('a Cargo tree pinning a nightly newer than the bundled registry', () => {
  it('calls the newer std feature and the riscv64-only one unknown, each saying what would decide it', async () => {
    const r = await runCli(['report', newer, '--json', '--no-cache', '--progress', 'none']);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const doc = JSON.parse(r.stdout) as ReportDocument;
    const gate = (n: string) => doc.gates.find((g) => g.name === n)!;
    expect(gate('alloc_io')).toMatchObject({ class: 'unknown', status: 'unknown' });
    expect(gate('alloc_io').reason).toContain('a newer registry or --toolchain nightly-2026-07-21 decides');
    // The registry may know it from the library's own attributes (a blocker then); it is never an error here.
    expect(gate('riscv_ext_intrinsics').class).not.toBe('error');
    expect(gate('riscv_ext_intrinsics').arches).toEqual(['riscv']);
    expect(gate('never_type').class).toBe('blocker');
    expect(doc.gates.filter((g) => g.class === 'error')).toEqual([]);
    expect(doc.pinnedToolchain).toEqual({ name: 'nightly-2026-07-21', source: 'rust-toolchain', newerThanRegistry: true });
    expect(doc.diagnostics.map((d) => d.code)).toContain('report/registry-older-than-pin');
  });

  it('the header names the pin next to the registry and says the registry is older', async () => {
    const r = await runCli(['report', newer, '--no-cache', '--progress', 'none', '--only', 'unknown']);
    const header = r.stdout.split('\n')[0]!;
    expect(header).toContain('pins nightly-2026-07-21 (rust-toolchain)');
    expect(header).toContain('registry of nightly 1.97.0-nightly (2026-05-19), older than the pinned nightly-2026-07-21');
    expect(r.stdout).toMatch(/\d+ unknown/);
  });

  it('pinning an older nightly, the newer name is an error, and the riscv64-only one too on a riscv64 host', async () => {
    const scan = await scanOfTree(newer);
    const classOf = (doc: ReportDocument, n: string) => doc.gates.find((g) => g.name === n)!.class;
    // With a pin no newer than the registry, only the target decides.
    const pinOlder = { ...scan, toolchainChannel: 'nightly-2026-05-01' };
    const onRiscv = computeReport(pinOlder, bundled(), { host: 'riscv64' });
    expect(classOf(onRiscv, 'riscv_ext_intrinsics')).toBe('error');
    const older = computeReport(pinOlder, bundled(), { host: 'x86_64' });
    expect(classOf(older, 'riscv_ext_intrinsics')).toBe('unknown');
    expect(older.gates.find((g) => g.name === 'riscv_ext_intrinsics')!.reason).toContain('used only for riscv64: a compiler for that target decides');
    expect(classOf(older, 'alloc_io')).toBe('error');
    // A pin newer than the registry leaves every name it lacks undecided, on any host.
    expect(classOf(computeReport(scan, bundled(), { host: 'riscv64' }), 'riscv_ext_intrinsics')).toBe('unknown');
    expect(older.pinnedToolchain).toEqual({ name: 'nightly-2026-05-01', source: 'rust-toolchain', newerThanRegistry: false });
  });

  it.skipIf(!hasNightly)('the x86_64 nightly itself cannot decide them: it says E0635 for both', () => {
    const r = spawnSync('rustc', ['+nightly', '--crate-type=lib', '--emit=metadata', '--out-dir', join(repoRoot, 'node_modules', '.cache'), '-'], {
      input: '#![feature(riscv_ext_intrinsics)]\n#![feature(alloc_io)]\n',
      encoding: 'utf8',
    });
    expect(r.stderr.match(/E0635/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('--toolchain pinned refuses a pin that is not installed, naming it', async () => {
    const r = await runCli(['report', newer, '--toolchain', 'pinned', '--no-cache', '--progress', 'none']);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr.split('\n')[0]).toBe('gatewatch: --toolchain pinned: the tree pins nightly-2026-07-21, which cannot be run here');
  });
});

describe('--toolchain pinned', () => {
  it.skipIf(!hasNightly)('judges with the toolchain a rust-toolchain file names, when it is installed', async () => {
    const r = await runCli(['report', nightlyPin, '--toolchain', 'pinned', '--json', '--no-cache', '--progress', 'none']);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const doc = JSON.parse(r.stdout) as ReportDocument;
    expect(doc.toolchain!.name).toBe('nightly');
    expect(doc.pinnedToolchain).toMatchObject({ name: 'nightly', source: 'rust-toolchain' });
    // Used only for x86_64, and this host is x86_64: its compiler decides, and says the name is unknown.
    if (process.arch === 'x64') expect(doc.gates.find((g) => g.name === 'riscv_ext_intrinsics')!.class).toBe('error');
  }, 60_000);

  it('a kernel pins its minimum rustc from scripts/min-tool-version.sh, which the header names', async () => {
    const r = await runCli(['report', '--kernel', '6.12', '--json', '--progress', 'none']);
    const doc = JSON.parse(r.stdout) as ReportDocument;
    expect(doc.pinnedToolchain).toEqual({ name: doc.rustMinVersion, source: 'min-tool-version', newerThanRegistry: false });
    const text = await runCli(['report', '--kernel', '6.12', '--only', 'done', '--progress', 'none']);
    expect(text.stdout.split('\n')[0]).toContain(`minimum rustc ${doc.rustMinVersion} (scripts/min-tool-version.sh)`);
  });
});
