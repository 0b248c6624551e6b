import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { ScanSnapshot } from '../../src/model/scan.js';
import { buildScan } from '../../src/scan/build-scan.js';
import { collectMakeFile, kbuildMake } from '../../src/sources/kbuild-make/index.js';
import type { ScanSource, SourceFacts } from '../../src/sources/types.js';
import { kernelTree } from '../helpers/paths.js';

const k612 = kernelTree('6.12');
const k61 = kernelTree('6.1');

/** Scan a tree with the make source only, timing the source's own work (collect + finalize). */
async function scanMake(tree: string): Promise<{ scan: ScanSnapshot; sourceMs: number; read: string[] }> {
  let sourceMs = 0;
  const read: string[] = [];
  const timed: ScanSource = {
    name: kbuildMake.name,
    wants: kbuildMake.wants,
    collect(file, ctx) {
      read.push(file.path);
      const t = performance.now();
      const r = kbuildMake.collect(file, ctx) as SourceFacts;
      sourceMs += performance.now() - t;
      return r;
    },
    finalize(perFile, ctx) {
      const t = performance.now();
      const r = kbuildMake.finalize!(perFile, ctx);
      sourceMs += performance.now() - t;
      return r;
    },
  };
  const scan = await buildScan({ tree, sources: [timed] });
  return { scan, sourceMs, read };
}

/** Every flag sits on a code line of its file, at its column, written as reported. */
function expectFlagsOnCodeLines(tree: string, scan: ScanSnapshot) {
  const cache = new Map<string, string[]>();
  for (const o of scan.occurrences.filter((x) => x.kind === 'flag')) {
    const lines = cache.get(o.file) ?? readFileSync(join(tree, o.file), 'utf8').split('\n');
    cache.set(o.file, lines);
    const line = lines[o.line - 1]!;
    expect(line.slice(o.column - 1).startsWith(o.name), `${o.file}:${o.line}:${o.column}`).toBe(true);
    expect(line.trimStart().startsWith('#'), `${o.file}:${o.line} is a comment`).toBe(false);
  }
}

const flagsByPlace = (scan: ScanSnapshot) => scan.occurrences.filter((o) => o.kind === 'flag');
const find = (scan: ScanSnapshot, file: string, line: number, name: string) => scan.occurrences.find((o) => o.file === file && o.line === line && o.name === name);

describe.skipIf(!k612)('make side of Debian linux-source-6.12 (checked by hand with grep)', () => {
  it('finds every -Z flag with its guards, variable and architecture', async () => {
    const { scan, sourceMs, read } = await scanMake(k612!);
    console.info(`kbuild-make on 6.12: ${read.length} files read, ${Math.round(sourceMs)} ms in the source, ${scan.stats.elapsedMs} ms for the whole scan`);
    // Counted by hand: grep -oE "(^|[[:space:]\"'(,=])-Z[A-Za-z]" over non-comment lines of Makefile*/Kbuild*/*.mk
    // gives 38, and no file under scripts/ other than Makefile.* has a -Z at a token boundary.
    expect(flagsByPlace(scan)).toHaveLength(38);
    expectFlagsOnCodeLines(k612!, scan);

    const bti = find(scan, 'arch/arm64/Makefile', 86, '-Zbranch-protection')!;
    expect([bti.value, bti.arch, bti.variable, bti.condition]).toEqual(['bti,pac-ret', 'arm64', 'KBUILD_RUSTFLAGS', 'CONFIG_ARM64_BTI_KERNEL=y']);
    const pac = find(scan, 'arch/arm64/Makefile', 88, '-Zbranch-protection')!;
    expect([pac.value, pac.condition]).toEqual(['pac-ret', 'CONFIG_ARM64_BTI_KERNEL!=y && CONFIG_ARM64_PTR_AUTH_KERNEL=y']);

    const noJump = find(scan, 'arch/x86/Makefile', 116, '-Zno-jump-tables')!;
    expect(noJump.guards).toEqual([
      { type: 'config', symbol: 'CONFIG_X86_KERNEL_IBT', negated: false, value: 'y', text: 'CONFIG_X86_KERNEL_IBT=y' },
      { type: 'rustc-version', op: '<', version: '1.93.0', text: 'rustc < 1.93.0' },
    ]);
    // Outside the $(if ...): no version bound, only the enclosing ifeq.
    expect(find(scan, 'arch/x86/Makefile', 116, '-Zcf-protection')!.condition).toBe('CONFIG_X86_KERNEL_IBT=y');
    const tune = find(scan, 'arch/x86/Makefile', 197, '-Ztune-cpu')!;
    expect([tune.variable, tune.condition]).toEqual(['rustflags-$(CONFIG_GENERIC_CPU)', 'CONFIG_X86_32!=y && CONFIG_GENERIC_CPU']);

    const hostFlags = find(scan, 'Makefile', 462, '-Zallow-features')!;
    expect([hostFlags.value, hostFlags.variable]).toEqual(['', 'KBUILD_HOSTRUSTFLAGS']);
    // The top Makefile's sub-make / mixed-build / config-build plumbing is the build path itself: not a condition.
    expect(find(scan, 'Makefile', 866, '-Zllvm_module_flag')!.condition).toBe('CONFIG_FRAME_POINTER && rustc < 1.98.0');
    expect(find(scan, 'Makefile', 954, '-Zsanitizer')!.condition).toBe('CONFIG_SHADOW_CALL_STACK && !CONFIG_DYNAMIC_SCS');
    expect(find(scan, 'Makefile', 433, '-Zbinary_dep_depinfo')!.condition).toBeNull();
    expect(find(scan, 'rust/Makefile', 192, '-Zunstable-options')).toMatchObject({ tool: 'rustdoc', crate: 'kernel', variable: 'cmd_rustdoc_test_kernel' });
    expect(find(scan, 'scripts/Makefile.build', 293, '-Zunpretty')).toMatchObject({ value: 'expanded', crate: '*' });

    // scripts/*.pl regexes such as `[A-Z0-9_]` are never read, let alone counted.
    expect(read.some((p) => /\.(pl|py|awk)$/.test(p))).toBe(false);
    expect(scan.occurrences.filter((o) => o.file.startsWith('scripts/') && !o.file.startsWith('scripts/Makefile.')).map((o) => o.file)).toEqual([]);
    expect(scan.diagnostics).toEqual([]);
  });

  it('reads rust_allowed_features, resolves the -Zcrate-attr that injects it, and finds RUSTC_BOOTSTRAP', async () => {
    const { scan } = await scanMake(k612!);
    const list = scan.occurrences.filter((o) => o.via === 'allowed-list');
    expect(list.map((o) => `${o.file}:${o.line}:${o.column} ${o.name} ${o.crate}`)).toEqual([
      'scripts/Makefile.build:256:26 arbitrary_self_types *',
      'scripts/Makefile.build:256:47 lint_reasons *',
      'scripts/Makefile.build:256:60 used_with_arg *',
    ]);
    const injected = scan.occurrences.filter((o) => o.via === 'crate-attr-flag');
    expect(injected.map((o) => `${o.file}:${o.line} ${o.name} ${o.crate}`)).toEqual([
      'rust/Makefile:176 used_with_arg null',
      'scripts/Makefile.build:265 arbitrary_self_types *',
      'scripts/Makefile.build:265 lint_reasons *',
      'scripts/Makefile.build:265 used_with_arg *',
    ]);
    expect(scan.bootstrap).toEqual([
      { file: 'Makefile', line: 608, value: '1', condition: null },
      { file: 'scripts/Makefile.compiler', line: 82, value: '1', condition: null },
    ]);
    // 6.12 has no comment group above the list yet (it arrived in 6.13).
    expect(scan.claims).toEqual([]);
  });
});

describe.skipIf(!k612 || !k61)('every make file of both trees, read without the prefilter', () => {
  it('parses without a throw or a diagnostic: the reader agrees with GNU make on real Kbuild', async () => {
    for (const tree of [k612!, k61!]) {
      const diagnostics: string[] = [];
      let files = 0;
      const unfiltered: ScanSource = {
        name: 'kbuild-make-unfiltered',
        wants: kbuildMake.wants,
        collect(file) {
          files++;
          for (const d of collectMakeFile(file).diagnostics ?? []) diagnostics.push(`${d.file}:${d.line} ${d.message}`);
          return {};
        },
      };
      await buildScan({ tree, sources: [unfiltered] });
      expect(files).toBeGreaterThan(3000);
      expect(diagnostics).toEqual([]);
    }
  }, 60_000);
});

describe.skipIf(!k61)('make side of Debian linux-source-6.1 (checked by hand with grep)', () => {
  it('finds the ten -Z flags, the one-feature allowed list and cargo -Zbuild-std', async () => {
    const { scan } = await scanMake(k61!);
    expect(flagsByPlace(scan).map((o) => `${o.file}:${o.line} ${o.name}`)).toEqual([
      'Makefile:451 -Zbinary_dep_depinfo',
      'Makefile:467 -Zallow-features',
      'Makefile:591 -Zfunction-sections',
      'Makefile:987 -Zfunction-sections',
      'arch/x86/Makefile:163 -Ztune-cpu',
      'rust/Makefile:203 -Zbuild-std',
      'scripts/Makefile.build:290 -Zallow-features',
      'scripts/Makefile.build:291 -Zcrate-attr',
      'scripts/Makefile.build:292 -Zcrate-attr',
      'scripts/Makefile.build:319 -Zunpretty',
    ]);
    expectFlagsOnCodeLines(k61!, scan);
    expect(find(scan, 'rust/Makefile', 203, '-Zbuild-std')).toMatchObject({ tool: 'cargo', value: null, condition: 'CONFIG_RUST' });
    expect(scan.occurrences.filter((o) => o.kind === 'feature').map((o) => `${o.line} ${o.name} ${o.via}`)).toEqual(['283 core_ffi_c allowed-list', '292 core_ffi_c crate-attr-flag']);
    expect(scan.bootstrap.map((b) => `${b.file}:${b.line}`)).toEqual(['Makefile:617']);
    expect(scan.diagnostics).toEqual([]);
  });
});
