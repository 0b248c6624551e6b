import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Occurrence } from '../../src/model/scan.js';
import { buildScan } from '../../src/scan/build-scan.js';
import { collectCargoConfig, parseConfigIncludes, renderTomlValue, targetGuards } from '../../src/sources/cargo-config/config-file.js';
import { isCargoConfigPath } from '../../src/sources/cargo-config/index.js';
import { parseZFlags, splitFlagString } from '../../src/sources/cargo-config/rustflags.js';
import { findInStrings, parseTomlPlaces } from '../../src/sources/cargo-config/toml-places.js';
import { fixture } from '../helpers/paths.js';

const read = (name: string, path: string) => ({ path, text: readFileSync(fixture('cargo', name, path), 'utf8') });
const row = (o: Occurrence) => `${o.kind} ${o.name}=${o.value ?? '-'} ${o.file}:${o.line}:${o.column} ${o.tool ?? '-'} ${o.variable} [${o.condition ?? ''}] ${o.arch ?? '-'} ${o.via}`;

describe('cargo-config source', () => {
  it('reads rustflags, rustdocflags, [unstable] keys and [env] from .cargo/config.toml, each at the line holding it', () => {
    const facts = collectCargoConfig(read('unstable-table-and-rustflags', '.cargo/config.toml'), 'no_std_firmware');
    expect(facts.diagnostics).toEqual([]);
    expect(facts.occurrences!.map(row)).toEqual([
      // `-Cforce-frame-pointers` is not unstable; `-Zdisabled-in-a-comment` and the header comment are comments.
      'flag -Zshare-generics=y .cargo/config.toml:7:6 rustc build.rustflags [] - cargo-config',
      // `-Z emit-stack-sizes` (two arguments): the line of the name.
      'flag -Zemit-stack-sizes=- .cargo/config.toml:8:12 rustc build.rustflags [] - cargo-config',
      'flag -Zcrate-attr=feature(asm_goto, asm_const) .cargo/config.toml:9:6 rustc build.rustflags [] - cargo-config',
      'feature asm_goto=- .cargo/config.toml:9:6 - build.rustflags [] - crate-attr-flag',
      'feature asm_const=- .cargo/config.toml:9:6 - build.rustflags [] - crate-attr-flag',
      'flag -Zunstable-options=- .cargo/config.toml:11:30 rustdoc build.rustdocflags [] - cargo-config',
      'flag -Zbuild-std=core,alloc .cargo/config.toml:14:1 cargo unstable [] - cargo-config',
      'flag -Zbuild-std-features=compiler-builtins-mem .cargo/config.toml:15:1 cargo unstable [] - cargo-config',
      'flag -Zunstable-options=true .cargo/config.toml:16:1 cargo unstable [] - cargo-config',
      'flag -Zthreads=8 .cargo/config.toml:20:24 rustc env.RUSTFLAGS [] - cargo-config',
    ]);
    expect(facts.occurrences!.every((o) => o.crate === 'no_std_firmware')).toBe(true);
    expect(facts.bootstrap).toEqual([{ file: '.cargo/config.toml', line: 19, value: '1', condition: null }]);
  });

  it('keeps target tables as guards: a cfg predicate, or a triple with its architecture (legacy .cargo/config name)', () => {
    const facts = collectCargoConfig(read('target-cfg-rustflags', '.cargo/config'), null);
    expect(facts.occurrences!.map(row)).toEqual([
      'flag -Zbranch-protection=pac-ret,bti .cargo/config:3:14 rustc target.cfg(target_arch = "aarch64").rustflags [cfg(target_arch = "aarch64")] aarch64 cargo-config',
      'flag -Zfixed-x18=- .cargo/config:3:46 rustc target.cfg(target_arch = "aarch64").rustflags [cfg(target_arch = "aarch64")] aarch64 cargo-config',
      'flag -Zemit-stack-sizes=- .cargo/config:6:15 rustc target.cfg(all(target_os = "none", not(test))).rustflags [cfg(all(target_os = "none", not(test)))] - cargo-config',
      'flag -Zcf-protection=full .cargo/config:9:46 rustc target.x86_64-unknown-none.rustflags [target x86_64-unknown-none] x86_64 cargo-config',
      'flag -Zunstable-options=- .cargo/config:10:18 rustdoc target.x86_64-unknown-none.rustdocflags [target x86_64-unknown-none] x86_64 cargo-config',
    ]);
    expect(facts.occurrences![2]!.guards).toEqual([{ type: 'cfg', predicate: 'all(target_os = "none", not(test))', text: 'cfg(all(target_os = "none", not(test)))' }]);
    expect(facts.occurrences![3]!.guards).toEqual([{ type: 'make', negated: false, text: 'target x86_64-unknown-none' }]);
  });

  it('reports malformed TOML as a diagnostic at the line smol-toml names, and nothing else from that file', () => {
    const facts = collectCargoConfig(read('malformed-config-toml', '.cargo/config.toml'), 'broken_config');
    expect(facts.occurrences ?? []).toEqual([]);
    expect(facts.diagnostics).toHaveLength(1);
    expect(facts.diagnostics![0]).toMatchObject({ code: 'cargo-config/invalid-toml', severity: 'error', file: '.cargo/config.toml', line: 4, column: 1 });
    expect(facts.diagnostics![0]!.message).toContain('expected comma or end of structure');
  });

  it('reports a rustflags value of the wrong type instead of guessing', () => {
    const facts = collectCargoConfig({ path: '.cargo/config.toml', text: '[build]\nrustflags = 3\n' }, null);
    expect(facts.occurrences).toEqual([]);
    expect(facts.diagnostics).toEqual([
      expect.objectContaining({ code: 'cargo-config/unexpected-value', line: 2, message: 'build.rustflags is a number; expected a string or an array of strings' }),
    ]);
  });

  it('finds flags of keys written as dotted keys or inside inline tables', () => {
    const text = 'build.rustflags = ["-Zdotted"]\ntarget = { "cfg(unix)" = { rustflags = [\n  "-Zinline",\n] } }\n';
    const facts = collectCargoConfig({ path: 'sub/.cargo/config.toml', text }, null);
    expect(facts.occurrences!.map((o) => `${o.name} ${o.line}:${o.column} ${o.condition ?? ''}`)).toEqual(['-Zdotted 1:21 ', '-Zinline 3:4 cfg(unix)']);
  });

  it('wants config files at any depth, and nothing else', () => {
    expect(['.cargo/config.toml', '.cargo/config', 'tools/x/.cargo/config.toml', 'tools/x/.cargo/config'].every(isCargoConfigPath)).toBe(true);
    expect(['cargo/config.toml', '.cargo/config.json', 'Cargo.toml', '.cargo/configs'].some(isCargoConfigPath)).toBe(false);
  });
});

describe('flag and TOML helpers', () => {
  it('splits flags as cargo does and reads both -Z spellings', () => {
    expect(splitFlagString('  -Zfoo=1\t-C opt-level=2  -Z  bar ')).toEqual(['-Zfoo=1', '-C', 'opt-level=2', '-Z', 'bar']);
    expect(parseZFlags(['-Zfoo=1', '-C', 'opt-level=2', '-Z', 'bar=x=y', '-Z'])).toEqual([
      { name: '-Zfoo', value: '1', arg: 0 },
      { name: '-Zbar', value: 'x=y', arg: 4 },
    ]);
  });

  it('renders TOML values as cargo command-line values', () => {
    expect(renderTomlValue(['core', 'alloc'])).toBe('core,alloc');
    expect(renderTomlValue(true)).toBe('true');
    expect(renderTomlValue({ fetch: true, checkout: true, depth: 1 })).toBe('fetch,checkout,depth=1');
  });

  it('reads a target key as a cfg guard or a triple', () => {
    expect(targetGuards('cfg(target_arch = "riscv64")')).toEqual({ guards: [{ type: 'cfg', predicate: 'target_arch = "riscv64"', text: 'cfg(target_arch = "riscv64")' }], arch: 'riscv64' });
    expect(targetGuards('aarch64-unknown-none').arch).toBe('aarch64');
  });

  it('locates keys past multi-line strings, comments and quoted headers', () => {
    const text = [
      'note = """',
      'rustflags = ["-Znot-a-key"]',
      '"""',
      "[target.'cfg(windows)'] # comment with = sign",
      'rustflags = [ # trailing comment',
      '  "-Za", # "-Zb"',
      "  '-Zc',",
      ']',
    ].join('\n');
    const places = parseTomlPlaces(text);
    expect(places.key(['rustflags'])).toBeUndefined();
    const key = places.key(['target', 'cfg(windows)', 'rustflags'])!;
    expect([key.line, key.column]).toEqual([5, 1]);
    expect(key.strings.map((s) => s.raw)).toEqual(['-Za', '-Zc']);
    expect(places.position(findInStrings(key.strings, '-Zc'))).toEqual({ line: 7, column: 4 });
    expect(findInStrings(key.strings, '-Zb')).toBe(-1);
  });

  it('places a key written inside an inline table, or under a dotted header with a quoted part, at its own node', () => {
    const text = '[build]\nrustdocflags = ["--cfg", "docsrs"]\n[target."x86_64-unknown-none".dependencies]\nenv = { RUSTFLAGS = { value = \'-Zthreads=2\', force = true } }\n';
    const places = parseTomlPlaces(text);
    expect(places.key(['target', 'x86_64-unknown-none', 'dependencies'])).toMatchObject({ line: 3, column: 1 });
    const value = places.key(['target', 'x86_64-unknown-none', 'dependencies', 'env', 'RUSTFLAGS', 'value'])!;
    expect([value.line, value.column]).toEqual([4, 23]);
    expect(value.strings).toEqual([{ raw: '-Zthreads=2', start: text.indexOf('-Zthreads') }]);
    // Text that is not TOML has no places, and asking never throws.
    expect(parseTomlPlaces('[build\nrustflags = ').key(['build'])).toBeUndefined();
  });
});

describe('config include', () => {
  it('reads the files a config includes, once each, and reports a missing include that is not optional', async () => {
    const scan = await buildScan({ tree: fixture('cargo', 'config-include-shared-flags') });
    expect(scan.occurrences.map((o) => `${o.name}=${o.value ?? '-'} ${o.file}:${o.line} ${o.crate} ${o.tool}`)).toEqual([
      // Included by both boards: one occurrence, and no single crate.
      '-Zemit-stack-sizes=- boards/cargo/tock_flags.toml:4 null rustc',
      // Included by imix only.
      '-Zbuild-std=core,compiler_builtins boards/cargo/unstable_flags.toml:3 imix cargo',
      '-Ztrim-paths=true boards/cargo/unstable_flags.toml:4 imix cargo',
    ]);
    expect(scan.diagnostics.map((d) => `${d.code} ${d.file}:${d.line} ${d.message}`)).toEqual([
      'cargo-config/missing-include boards/hail/.cargo/config.toml:1 boards/hail/.cargo/config.toml includes boards/cargo/removed_flags.toml, which is not in the tree',
    ]);
  });

  it('resolves include entries against the config directory and never outside the tree', () => {
    const text = 'include = ["a.toml", "../../shared/b.toml", { path = "c.toml", optional = true }, "../../../../escape.toml"]\n';
    expect(parseConfigIncludes('x/.cargo/config.toml', text)).toEqual([
      { path: 'x/.cargo/a.toml', optional: false, line: 1 },
      { path: 'shared/b.toml', optional: false, line: 1 },
      { path: 'x/.cargo/c.toml', optional: true, line: 1 },
    ]);
  });
});
