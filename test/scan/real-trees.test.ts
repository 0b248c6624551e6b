import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCAN_SCHEMA, type ScanSnapshot } from '../../src/model/scan.js';
import { buildScan } from '../../src/scan/build-scan.js';
import { kernelTree, makefileKernelVersion } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';

const k612 = kernelTree('6.12');
const k61 = kernelTree('6.1');
const fromRust = (s: ScanSnapshot) => s.occurrences.filter((o) => o.via === 'crate-attr' || o.via === 'cfg-attr');

/** Every reported Rust gate sits on a line that is code, not a comment, and names the gate. */
function expectOnCodeLines(tree: string, scan: ScanSnapshot) {
  const cache = new Map<string, string[]>();
  for (const o of fromRust(scan)) {
    const lines = cache.get(o.file) ?? readFileSync(join(tree, o.file), 'utf8').split('\n');
    cache.set(o.file, lines);
    const line = lines[o.line - 1]!;
    expect(line.slice(o.column - 1).startsWith(o.name), `${o.file}:${o.line}`).toBe(true);
    expect(line.trimStart().startsWith('//'), `${o.file}:${o.line} is a comment`).toBe(false);
  }
}

describe.skipIf(!k612)('Debian linux-source-6.12 (checked by hand against the tree)', () => {
  it('finds the crate-root gates of rust/, the versions, and the Kconfig thresholds', async () => {
    const scan = await buildScan({ tree: k612! });
    expect(scan.treeKind).toBe('kernel');
    expect(scan.kernelVersion).toBe(makefileKernelVersion(k612!));
    expect(scan.kernelVersion).toMatch(/^6\.12\.\d+$/);
    expect(scan.rustMinVersion).toBe('1.78.0');
    expect(fromRust(scan).map((o) => `${o.file}:${o.line} ${o.name} ${o.crate}`)).toEqual([
      'rust/compiler_builtins.rs:23 compiler_builtins compiler_builtins',
      'rust/kernel/lib.rs:15 arbitrary_self_types kernel',
      'rust/kernel/lib.rs:16 coerce_unsized kernel',
      'rust/kernel/lib.rs:17 dispatch_from_dyn kernel',
      'rust/kernel/lib.rs:18 inline_const kernel',
      'rust/kernel/lib.rs:19 lint_reasons kernel',
      'rust/kernel/lib.rs:20 unsize kernel',
      'rust/kernel/lib.rs:21 used_with_arg kernel',
    ]);
    expect(scan.claims.filter((c) => c.kind === 'kconfig').map((c) => `${c.symbol} ${c.version} ${c.file}:${c.line}`)).toEqual([
      'CONFIG_RUSTC_HAS_UNNECESSARY_TRANSMUTES 1.88.0 init/Kconfig:146',
      'CONFIG_RUSTC_HAS_SUSPICIOUS_RUNTIME_SYMBOL_DEFINITIONS 1.98.0 init/Kconfig:149',
    ]);
    expectOnCodeLines(k612!, scan);
    // rust/uapi and rust/bindings use cfg_attr only for lints (allow(...)), which are not gates.
    expect(scan.occurrences.some((o) => o.file === 'rust/uapi/lib.rs')).toBe(false);
  });

  it('prints the same facts in both formats from the CLI', async () => {
    const json = await runCli(['scan', '--json', k612!]);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as ScanSnapshot;
    expect(doc.schema).toBe(SCAN_SCHEMA);
    const text = await runCli(['scan', k612!]);
    expect(text.code).toBe(0);
    for (const o of fromRust(doc)) expect(text.stdout).toContain(`${o.file}:${o.line}`);
    expect(text.stdout).toContain(`kernel ${makefileKernelVersion(k612!)}`);
  });
});

describe.skipIf(!k61)('Debian linux-source-6.1 (checked by hand against the tree)', () => {
  it('finds the vendored alloc crate with its cfg_attr gates, and no doc-test example', async () => {
    const scan = await buildScan({ tree: k61! });
    expect(scan.kernelVersion).toBe(makefileKernelVersion(k61!));
    expect(scan.kernelVersion).toMatch(/^6\.1\.\d+$/);
    expect(scan.rustMinVersion).toBe('1.62.0');
    const rust = fromRust(scan);
    // rust/alloc/lib.rs: 83 `#![feature(x)]` lines and 6 `#![cfg_attr(.., feature(x))]` lines.
    const alloc = rust.filter((o) => o.file === 'rust/alloc/lib.rs');
    expect(alloc).toHaveLength(89);
    expect(new Set(alloc.map((o) => o.crate))).toEqual(new Set(['alloc']));
    expect(alloc.filter((o) => o.via === 'crate-attr')).toHaveLength(83);
    expect(alloc.filter((o) => o.condition !== null).map((o) => `${o.line} ${o.name} if ${o.condition}`)).toEqual([
      '91 alloc_c_string if not(no_global_oom_handling)',
      '100 const_alloc_error if not(no_global_oom_handling)',
      '102 const_btree_new if not(no_global_oom_handling)',
      '127 new_uninit if test',
      '163 generator_trait if not(test)',
      '175 test if test',
    ]);
    // boxed.rs, vec/mod.rs, borrow.rs, slice.rs hold dozens of `/// #![feature(..)]` doc-test lines: none counts.
    expect([...new Set(rust.map((o) => o.file))].sort()).toEqual(['rust/alloc/lib.rs', 'rust/bindings/lib.rs', 'rust/compiler_builtins.rs', 'rust/kernel/lib.rs']);
    expect(rust.filter((o) => o.file !== 'rust/alloc/lib.rs').map((o) => `${o.file}:${o.line} ${o.name}`)).toEqual([
      'rust/bindings/lib.rs:12 core_ffi_c',
      'rust/compiler_builtins.rs:22 compiler_builtins',
      'rust/kernel/lib.rs:15 core_ffi_c',
    ]);
    expectOnCodeLines(k61!, scan);
  });

  it("knows the cfgs rust/Makefile passes to alloc, so its not(no_global_oom_handling) gates are not built", async () => {
    const scan = await buildScan({ tree: k61! });
    const alloc = (scan.crateCfgs ?? []).filter((c) => c.crate === 'alloc' && c.target === '$(obj)/alloc.o');
    // rust/Makefile:46-54: `alloc-cfgs = --cfg no_fmt ... --cfg no_thin`, given at :365 to `$(obj)/alloc.o`.
    expect(alloc.map((c) => `${c.file}:${c.line} ${c.name}`)).toEqual([
      'rust/Makefile:47 no_fmt',
      'rust/Makefile:48 no_global_oom_handling',
      'rust/Makefile:49 no_macros',
      'rust/Makefile:50 no_rc',
      'rust/Makefile:51 no_str',
      'rust/Makefile:52 no_string',
      'rust/Makefile:53 no_sync',
      'rust/Makefile:54 no_thin',
    ]);
    expect(new Set(alloc.map((c) => c.condition))).toEqual(new Set(['CONFIG_RUST']));
    expect((scan.crateCfgs ?? []).filter((c) => c.crate === 'core').map((c) => `${c.target} ${c.name}`)).toEqual(['$(obj)/core.o no_fp_fmt_parse', 'rustdoc-core no_fp_fmt_parse']);
  });
});
