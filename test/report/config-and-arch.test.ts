import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/analyses/report.js';
import { conditionText, type Guard } from '../../src/model/guard.js';
import type { Registry } from '../../src/model/registry.js';
import type { CrateCfg, ScanSnapshot } from '../../src/model/scan.js';
import { parseKernelConfig } from '../../src/kconfig/parse-config.js';
import { readKernelConfig } from '../../src/kconfig/read-config.js';
import { fixture, repoRoot } from '../helpers/paths.js';
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

describe("Debian's 6.1 tree with its amd64 configuration", () => {
  const dir = '/usr/src/linux-config-6.1';
  const xz = existsSync(dir) ? readdirSync(dir).find((f) => f === 'config.amd64_none_amd64.xz') : undefined;
  if (!xz) console.warn(`skipping the 6.1 configuration test: ${dir} is absent (apt-get install linux-config-6.1)`);
  it.skipIf(!xz)("drops alloc's not(no_global_oom_handling) gates, which rust/Makefile's alloc-cfgs turn off", () => {
    const scan = JSON.parse(readFileSync(join(repoRoot, 'data', 'scans', 'linux-6.1.json'), 'utf8')) as ScanSnapshot;
    const bundled = JSON.parse(readFileSync(join(repoRoot, 'data', 'registry.json'), 'utf8')) as Registry;
    const config = readKernelConfig(join(dir, xz!)).values;
    const oom = ['alloc_c_string', 'const_alloc_error', 'const_btree_new'];
    expect(names(computeReport(scan, bundled))).toEqual(expect.arrayContaining(oom));
    const configured = names(computeReport(scan, bundled, { config }));
    for (const name of oom) expect(configured).not.toContain(name);
    // The same scan without what rust/Makefile passes keeps them as "may hold".
    const { crateCfgs: _, ...without } = scan;
    expect(names(computeReport(without, bundled, { config }))).toEqual(expect.arrayContaining(oom));
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

describe("cfgs a crate's make rule passes decide its cfg_attr gates under a configuration", () => {
  const scan = scanOf('kernel-with-every-class');
  const base = scan.occurrences.find((o) => o.name === 'raw_ref_op')!;
  const underNot = (name: string, crate: string, cfg: string) => ({
    ...base,
    name,
    crate,
    via: 'cfg-attr' as const,
    condition: `not(${cfg})`,
    guards: [{ type: 'cfg' as const, predicate: `not(${cfg})`, text: `not(${cfg})` }],
  });
  scan.occurrences = [
    underNot('arbitrary_self_types', 'alloc', 'no_global_oom_handling'),
    underNot('inline_const', 'kernel', 'no_global_oom_handling'),
    underNot('lint_reasons', 'alloc', 'only_in_rustdoc'),
    underNot('used_with_arg', 'alloc', 'only_with_x'),
  ];
  const cfg = (name: string, target: string, guards: Guard[] = []): CrateCfg => ({
    crate: 'alloc', target, name, value: null, file: 'rust/Makefile', line: 4, condition: conditionText(guards), guards,
  });
  const x: Guard = { type: 'config', symbol: 'CONFIG_X', negated: false, text: 'CONFIG_X' };
  scan.crateCfgs = [cfg('no_global_oom_handling', '$(obj)/alloc.o'), cfg('only_in_rustdoc', 'rustdoc-alloc'), cfg('only_with_x', '$(obj)/alloc.o', [x])];
  const on = (config: Record<string, string> | null) => names(computeReport(scan, registry(), { config: config && { CONFIG_RUST: 'y', ...config } }));

  it("a gate under not(cfg) goes when the crate's object rule passes the cfg, in that crate only", () => {
    expect(on({})).not.toContain('arbitrary_self_types');
    expect(on({})).toContain('inline_const');
  });

  it('a cfg given only to rustdoc, or under a condition the configuration leaves unset, does not count', () => {
    expect(on({})).toEqual(expect.arrayContaining(['lint_reasons', 'used_with_arg']));
    expect(on({ CONFIG_X: 'y' })).not.toContain('used_with_arg');
  });

  it('without a configuration every gate is reported, as before', () => {
    expect(on(null)).toEqual(['arbitrary_self_types', 'inline_const', 'lint_reasons', 'used_with_arg']);
  });

  it('a scan document written before crateCfgs existed is read as passing none', () => {
    const { crateCfgs: _, ...older } = scan;
    expect(names(computeReport(older, registry(), { config: { CONFIG_RUST: 'y' } }))).toContain('arbitrary_self_types');
  });
});
