/**
 * Architectures have one set of names (src/model/arch.ts): `cfg_attr(target_arch = ...)`, Cargo `[target.<triple>]`
 * tables and the kernel's `arch/<name>/` map to the kernel's names, `--arch` takes either spelling and filters
 * features and flags alike, and wrong values (`--arch amd64`, `--config README.md`, a conflicting pair) are
 * refused with exit 2 before any scan.
 */
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { EXIT } from '../../src/core/errors.js';
import { ACCEPTED_ARCH_NAMES, ARCHES, kernelArchOf } from '../../src/model/arch.js';
import type { ReportDocument } from '../../src/model/report.js';
import { runCli } from '../helpers/cli.js';
import { fixture, repoRoot } from '../helpers/paths.js';
import { registry, scanOf } from './load.js';

const tree = fixture('report', 'arch-names-in-cfg-and-cargo-targets');
const registryJson = fixture('report', 'registry-rustc-1.95.json');

async function reportAt(arch: string): Promise<{ names: string[]; doc: ReportDocument }> {
  const r = await runCli(['report', tree, '--arch', arch, '--registry', registryJson, '--json', '--progress', 'none', '--no-cache']);
  expect(r.code, r.stderr).toBe(EXIT.ok);
  const doc = JSON.parse(r.stdout) as ReportDocument;
  return { names: doc.gates.map((g) => g.name).sort(), doc };
}

describe('one mapping of architecture names', () => {
  it("maps Rust's target_arch values, triples and their first parts to the kernel's names", () => {
    expect(kernelArchOf('x86_64')).toBe('x86');
    expect(kernelArchOf('x86')).toBe('x86');
    expect(kernelArchOf('aarch64')).toBe('arm64');
    expect(kernelArchOf('riscv64')).toBe('riscv');
    expect(kernelArchOf('riscv64gc-unknown-none-elf')).toBe('riscv');
    expect(kernelArchOf('riscv64gc')).toBe('riscv');
    expect(kernelArchOf('loongarch64-unknown-none')).toBe('loongarch');
    expect(kernelArchOf('amd64')).toBe('x86');
    expect(kernelArchOf('thumbv7em-none-eabi')).toBeNull();
    for (const a of ARCHES) expect(ACCEPTED_ARCH_NAMES).toContain(a.kernel);
  });
});

describe('--arch filters features and flags of a Cargo tree by either spelling', () => {
  it('--arch riscv drops the x86_64-only and aarch64-only features and flags, keeps riscv64 ones', async () => {
    const { names, doc } = await reportAt('riscv');
    expect(names).toEqual(['-Zemit-stack-sizes', 'never_type', 'riscv_ext_intrinsics']);
    expect(doc.filters.arch).toBe('riscv');
    expect(doc.gates.find((g) => g.name === '-Zemit-stack-sizes')!.arches).toEqual(['riscv']);
  });

  it('--arch x86 keeps the x86_64-only flag of [target.x86_64-unknown-none], and x86_64 means the same', async () => {
    const x86 = await reportAt('x86');
    expect(x86.names).toEqual(['-Zcf-protection', 'never_type', 'x86_amx_intrinsics']);
    expect((await reportAt('x86_64')).names).toEqual(x86.names);
    expect(x86.doc.gates.find((g) => g.name === '-Zcf-protection')!.occurrences[0]!.arch).toBe('x86');
  });

  it('--arch arm64 and aarch64 keep the cfg(target_arch = "aarch64") table and cfg_attr', async () => {
    const arm = await reportAt('arm64');
    expect(arm.names).toEqual(['-Zfixed-x18', 'never_type', 'stdarch_neon_i8mm']);
    expect((await reportAt('aarch64')).names).toEqual(arm.names);
  });

  it('without --arch every gate is kept and the done ratio counts each architecture\'s own', async () => {
    const r = await runCli(['report', tree, '--registry', registryJson, '--json', '--progress', 'none', '--no-cache']);
    const doc = JSON.parse(r.stdout) as ReportDocument;
    expect(doc.gates).toHaveLength(7);
    expect(Object.keys(doc.done.perArch)).toEqual(['arm64', 'riscv', 'x86']);
    expect(doc.done.perArch['riscv']!.total).toBe(3);
  });

  it("a kernel's arch/x86 flags stay under --arch x86_64", () => {
    const names = computeReport(scanOf('kernel-with-every-class'), registry(), { arch: 'x86_64' }).gates.map((g) => g.name);
    expect(names).toContain('-Zcf-protection');
    expect(names).not.toContain('-Zbranch-protection');
  });
});

describe('values are validated before any scan (exit 2, one line)', () => {
  it('--arch amd64 lists the valid names and suggests x86', async () => {
    const r = await runCli(['report', '--arch', 'amd64']);
    expect(r.code).toBe(EXIT.error);
    const line = r.stderr.split('\n')[0]!;
    expect(line).toMatch(/^gatewatch: --arch expects a kernel architecture \(x86, arm64, /);
    expect(line).toContain('x86_64, aarch64');
    expect(line).toContain("received `amd64`; did you mean 'x86'?");
    expect(r.stdout).toBe('');
  });

  it('--config README.md is refused as not a kernel configuration, with no warning per line', async () => {
    const r = await runCli(['report', '--config', 'README.md'], { cwd: repoRoot });
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr.split('\n')[0]).toBe('gatewatch: README.md is not a kernel configuration: it has no `CONFIG_NAME=value` line');
    expect(r.stderr).not.toContain('kconfig/bad-line');
  });

  it('--config of x86 with --arch arm64 is a conflict, said once', async () => {
    const config = fixture('report', 'config-x86-without-rust', '.config');
    const r = await runCli(['report', '--config', config, '--arch', 'arm64']);
    expect(r.code).toBe(EXIT.error);
    expect(r.stderr.match(/conflicts/g)).toHaveLength(1);
    expect(r.stderr.split('\n')[0]).toContain('--arch arm64 conflicts with --config');
    expect(r.stderr.split('\n')[0]).toContain('which configures x86');
    // The same pair in Rust's spelling agrees, so it runs.
    const ok = await runCli(['report', '--config', config, '--arch', 'x86_64', '--json', '--progress', 'none']);
    expect(ok.code, ok.stderr).toBe(EXIT.ok);
  });

  it('"does not set CONFIG_RUST=y" comes first among the diagnostics', async () => {
    const config = fixture('report', 'config-x86-without-rust', '.config');
    const r = await runCli(['report', '--config', config, '--json', '--progress', 'none']);
    const doc = JSON.parse(r.stdout) as ReportDocument;
    expect(doc.diagnostics.length).toBeGreaterThan(1);
    expect(doc.diagnostics[0]!.code).toBe('report/config-without-rust');
  });
});
