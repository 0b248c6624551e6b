/**
 * One resolver for every scan a command reads (a tree, a git revision of one, a scan document, a bundled scan) and
 * one for every registry (bundled, a document, a toolchain's, none); the report's extra diagnostics reach
 * `computeReport` through its options.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { GatewatchError } from '../../src/core/errors.js';
import { buildReportInputs, resolveReportInputs } from '../../src/inputs/report.js';
import { resolveRegistryInput } from '../../src/inputs/registry.js';
import { bundledKernels, bundledScanPath, resolveScanInput } from '../../src/inputs/scan.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'gatewatch-inputs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const scanJson = fixture('report', 'kernel-with-every-class', 'scan.json');
const registryJson = fixture('report', 'registry-rustc-1.95.json');

/** The code of the GatewatchError `f` throws. */
function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof GatewatchError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('the scan resolver', () => {
  const cwd = fixture('report');
  it('a directory is a tree (with its revision), a .json file a document, nothing the newest bundled scan', () => {
    expect(resolveScanInput({ input: 'config-x86-without-rust', cwd })).toEqual({ kind: 'tree', path: fixture('report', 'config-x86-without-rust'), label: 'config-x86-without-rust' });
    expect(resolveScanInput({ input: '.', rev: 'v6.13', cwd })).toMatchObject({ kind: 'tree', rev: 'v6.13' });
    expect(resolveScanInput({ input: 'kernel-with-every-class/scan.json', cwd })).toEqual({ kind: 'document', path: scanJson, label: 'kernel-with-every-class/scan.json' });
    expect(resolveScanInput({ cwd })).toEqual({ kind: 'bundled', path: bundledScanPath(), label: bundledScanPath() });
    expect(bundledScanPath()).toContain(`linux-${bundledKernels()[0]}.json`);
  });

  it('refuses what names no scan, or a kind the command does not take', () => {
    expect(codeOf(() => resolveScanInput({ input: '.', kernel: '6.1', cwd }))).toBe('E_USAGE');
    expect(codeOf(() => resolveScanInput({ input: '', cwd }))).toBe('E_USAGE');
    expect(codeOf(() => resolveScanInput({ cwd, kernel: '2.6' }))).toBe('E_USAGE');
    expect(codeOf(() => resolveScanInput({ input: 'kernel-with-every-class/scan.json', rev: 'HEAD', cwd }))).toBe('E_USAGE');
    expect(codeOf(() => resolveScanInput({ input: 'kernel-with-every-class/scan.json', cwd, accept: ['tree'] }))).toBe('E_USAGE');
    expect(codeOf(() => resolveScanInput({ input: 'missing.json', cwd, accept: ['document'] }))).toBe('E_BAD_INPUT');
  });
});

describe('the registry resolver', () => {
  it('bundled by default, a document, a toolchain, none where a command allows it', () => {
    expect(resolveRegistryInput({ cwd: tmp })).toEqual({ kind: 'bundled' });
    expect(resolveRegistryInput({ registry: 'r.json', cwd: tmp })).toEqual({ kind: 'document', path: join(tmp, 'r.json'), label: 'r.json' });
    expect(resolveRegistryInput({ toolchain: 'nightly', cwd: tmp })).toEqual({ kind: 'toolchain', name: 'nightly' });
    expect(resolveRegistryInput({ registry: 'none', cwd: tmp, allowNone: true })).toEqual({ kind: 'none' });
    expect(resolveRegistryInput({ registry: 'none', cwd: tmp })).toMatchObject({ kind: 'document' });
    expect(codeOf(() => resolveRegistryInput({ registry: 'r.json', toolchain: 'nightly', cwd: tmp }))).toBe('E_USAGE');
  });
});

describe('the report\'s inputs', () => {
  it('a bad --rustc is refused before any work', () => {
    expect(codeOf(() => resolveReportInputs({ input: scanJson, rustc: 'latest', cwd: tmp }))).toBe('E_USAGE');
  });

  it('a --registry document is taken as it is (no compiler asked); the configuration\'s problems come back as diagnostics for computeReport', async () => {
    const config = join(tmp, 'broken.config');
    writeFileSync(config, 'CONFIG_RUST=y\nthis line is no configuration\n');
    const inputs = resolveReportInputs({ input: scanJson, registry: registryJson, config: 'broken.config', cwd: tmp });
    const facts = await buildReportInputs(inputs, {});
    expect(facts.registry.features.length).toBe(JSON.parse(readFileSync(registryJson, 'utf8')).features.length);
    expect(facts.diagnostics.length).toBeGreaterThan(0);
    expect(facts.diagnostics.every((d) => d.file === 'broken.config')).toBe(true);
    const report = computeReport(facts.scan, facts.registry, { config: facts.config!.values, diagnostics: facts.diagnostics });
    expect(report.diagnostics.slice(-facts.diagnostics.length)).toEqual(facts.diagnostics);
    // The command gives the same document: the diagnostics are computed in, not pushed into the result afterwards.
    const r = await runCli(['report', scanJson, '--registry', registryJson, '--config', 'broken.config', '--json'], { cwd: tmp });
    expect(JSON.parse(r.stdout).diagnostics).toEqual(report.diagnostics);
  });
});
