import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { parseKernelConfig } from '../../src/kconfig/parse-config.js';
import { readKernelConfig } from '../../src/kconfig/read-config.js';
import { fixture } from '../helpers/paths.js';
import { registry, scanOf } from './load.js';

const names = (r: ReturnType<typeof computeReport>) => r.gates.map((g) => g.name).sort();

describe('parsing a .config', () => {
  it('reads values, unset symbols and quoted strings; a stray line is a diagnostic with its line', () => {
    const cfg = readKernelConfig(fixture('report', 'config-x86-without-rust', '.config'));
    expect(cfg.values['CONFIG_X86_64']).toBe('y');
    expect(cfg.values['CONFIG_RUST']).toBe('n');
    expect(cfg.values['CONFIG_NR_CPUS']).toBe('64');
    expect(cfg.values['CONFIG_CC_VERSION_TEXT']).toBe('gcc (Debian 14.2.0-19) 14.2.0');
    expect(cfg.diagnostics).toHaveLength(1);
    expect(cfg.diagnostics[0]).toMatchObject({ code: 'kconfig/bad-line', line: 12, file: '.config' });
  });

  it('unescapes quotes inside strings', () => {
    expect(parseKernelConfig('CONFIG_X="a \\"b\\""\n', 'c').values['CONFIG_X']).toBe('a "b"');
  });
});

describe('--config and --arch select what a configuration builds', () => {
  const scan = scanOf('kernel-with-every-class');

  it('an x86 configuration drops arm64 flags and flags under symbols it leaves unset, and says it lacks CONFIG_RUST', () => {
    const cfg = readKernelConfig(fixture('report', 'config-x86-without-rust', '.config'));
    const r = computeReport(scan, registry(), { config: cfg.values, configName: 'x86.config' });
    expect(r.filters).toEqual({ arch: 'x86', config: 'x86.config' });
    expect(names(r)).toContain('-Zcf-protection');
    expect(names(r)).not.toContain('-Zbranch-protection');
    expect(names(r)).not.toContain('-Zsanitizer');
    expect(r.diagnostics.map((d) => d.code)).toContain('report/config-without-rust');
    expect(Object.keys(r.done.perArch)).toEqual(['x86']);
  });

  it('an arm64 configuration with BTI and shadow call stacks keeps their flags and drops x86 ones', () => {
    const cfg = readKernelConfig(fixture('report', 'config-arm64-with-bti-and-scs', '.config'));
    const r = computeReport(scan, registry(), { config: cfg.values });
    expect(r.filters.arch).toBe('arm64');
    expect(names(r)).toEqual(expect.arrayContaining(['-Zbranch-protection', '-Zsanitizer']));
    expect(names(r)).not.toContain('-Zcf-protection');
    expect(r.diagnostics).toEqual([]);
  });

  it('--arch alone keeps every config-dependent gate of that architecture', () => {
    const r = computeReport(scan, registry(), { arch: 'arm64' });
    expect(names(r)).toEqual(expect.arrayContaining(['-Zbranch-protection', '-Zsanitizer']));
    expect(names(r)).not.toContain('-Zno-jump-tables');
  });

  const debian = '/usr/src/linux-config-6.12';
  const xz = existsSync(debian) ? readdirSync(debian).find((f) => /^config\.amd64_none_amd64\.xz$/.test(f)) : undefined;
  if (!xz) console.warn(`skipping the Debian .config test: ${debian} is absent (apt-get install linux-config-6.12)`);
  it.skipIf(!xz)("reads Debian's compressed amd64 configuration", () => {
    const cfg = readKernelConfig(join(debian, xz!));
    expect(cfg.values['CONFIG_X86_64']).toBe('y');
    expect(Object.keys(cfg.values).length).toBeGreaterThan(5000);
    const r = computeReport(scan, registry(), { config: cfg.values, configName: xz! });
    expect(r.filters.arch).toBe('x86');
  });
});

describe('make comparisons against a configuration', () => {
  const scan = scanOf('kernel-with-every-class');
  const base = scan.occurrences.find((o) => o.name === '-Zfunction-sections')!;
  scan.occurrences = [
    { ...base, name: '-Ztune-cpu', guards: [{ type: 'config', symbol: 'CONFIG_X86_32', negated: true, value: 'y', text: 'CONFIG_X86_32!=y' }] },
    { ...base, name: '-Zfixed-x18', guards: [{ type: 'config', symbol: 'CONFIG_FOO', negated: false, value: '', text: 'CONFIG_FOO==' }] },
  ];
  const on = (config: Record<string, string>) => names(computeReport(scan, registry(), { config: { CONFIG_RUST: 'y', ...config } }));

  it('a symbol that is not set compares equal to the empty string, as make expands it', () => {
    expect(on({ CONFIG_FOO: 'n' })).toContain('-Zfixed-x18');
    expect(on({})).toContain('-Zfixed-x18');
    expect(on({ CONFIG_FOO: 'y' })).not.toContain('-Zfixed-x18');
  });

  it('`!= y` holds for an unset symbol and fails for y', () => {
    expect(on({})).toContain('-Ztune-cpu');
    expect(on({ CONFIG_X86_32: 'y' })).not.toContain('-Ztune-cpu');
  });
});
